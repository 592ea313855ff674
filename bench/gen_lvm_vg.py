#!/usr/bin/env python3
"""Writes a thin VG for bench/lvm-bench.sh: the VG text (lvm2 backup format) and the pool metadata (thin_dump XML).

usage: gen_lvm_vg.py BASE_BACKUP ORIGINS OUT_VG OUT_XML
BASE_BACKUP is lvm2's vgcfgbackup of a new one-PV VG (4 MiB extents); its ids, PV and seqno are kept. The VG gets
a thin pool (10 GiB data, 64 KiB chunks, 64 MiB metadata, the spare), ORIGINS thin LVs t0001.. (1 GiB, device
ids 1..ORIGINS, 100 mapped blocks each) and one thin snapshot s0001.. of each (sharing its origin's blocks), so
2 * ORIGINS thin LVs; transaction ids as lvm numbers them.
"""
import random, re, sys

base = open(sys.argv[1]).read()
n = int(sys.argv[2])
vg_name = re.search(r'^(\S+) \{', base, re.M).group(1)
vg_id = re.search(r'^\tid = "([^"]+)"', base, re.M).group(1)
seqno = int(re.search(r'seqno = (\d+)', base).group(1))
pvs = base[base.index('\tphysical_volumes {'):base.index('\n\t}\n', base.index('\tphysical_volumes {')) + 4]
when = re.search(r'creation_time = (\d+)', base).group(1)
rng = random.Random(1)


def lvid():
    chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
    s = ''.join(rng.choice(chars) for _ in range(32))
    return '-'.join([s[0:6], s[6:10], s[10:14], s[14:18], s[18:22], s[22:26], s[26:32]])


def lv(name, visible, flags, seg):
    status = '"READ", "WRITE", "VISIBLE"' if visible else '"READ", "WRITE"'
    fl = ', '.join('"%s"' % f for f in flags)
    return (f'\t\t{name} {{\n\t\t\tid = "{lvid()}"\n\t\t\tstatus = [{status}]\n\t\t\tflags = [{fl}]\n'
            f'\t\t\tcreation_time = {when}\n\t\t\tcreation_host = "bench"\n\t\t\tsegment_count = 1\n\n'
            f'\t\t\tsegment1 {{\n{seg}\t\t\t}}\n\t\t}}\n\n')


def linear(count, pe):
    return (f'\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = {count}\n\n\t\t\t\ttype = "striped"\n'
            f'\t\t\t\tstripe_count = 1\n\n\t\t\t\tstripes = [\n\t\t\t\t\t"pv0", {pe}\n\t\t\t\t]\n')


def thin(dev, tx, origin):
    o = f'\t\t\t\torigin = "{origin}"\n' if origin else ''
    return (f'\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = 256\n\n\t\t\t\ttype = "thin"\n'
            f'\t\t\t\tthin_pool = "pool"\n\t\t\t\ttransaction_id = {tx}\n\t\t\t\tdevice_id = {dev}\n{o}')


data_extents, meta_extents = 2560, 16
lvs = [lv('pool', True, [], f'\t\t\t\tstart_extent = 0\n\t\t\t\textent_count = {data_extents}\n\n'
          '\t\t\t\ttype = "thin-pool"\n\t\t\t\tmetadata = "pool_tmeta"\n\t\t\t\tpool = "pool_tdata"\n'
          f'\t\t\t\ttransaction_id = {2 * n}\n\t\t\t\tchunk_size = 128\n\t\t\t\tdiscards = "passdown"\n'
          '\t\t\t\tzero_new_blocks = 1\n')]
for i in range(1, n + 1):
    lvs.append(lv('t%04d' % i, True, [], thin(i, i - 1, None)))
for i in range(1, n + 1):
    lvs.append(lv('s%04d' % i, True, ['ACTIVATION_SKIP'], thin(n + i, n + i - 1, 't%04d' % i)))
lvs.append(lv('lvol0_pmspare', False, [], linear(meta_extents, 0)))
lvs.append(lv('pool_tmeta', False, [], linear(meta_extents, meta_extents + data_extents)))
lvs.append(lv('pool_tdata', False, [], linear(data_extents, meta_extents)))
with open(sys.argv[3], 'w') as out:
    out.write('contents = "Text Format Volume Group"\nversion = 1\n\ndescription = "bench"\n\n'
              f'creation_host = "bench"\ncreation_time = {when}\n\n{vg_name} {{\n\tid = "{vg_id}"\n'
              f'\tseqno = {seqno}\n\tformat = "lvm2"\n\tstatus = ["RESIZEABLE", "READ", "WRITE"]\n\tflags = []\n'
              '\textent_size = 8192\n\tmax_lv = 0\n\tmax_pv = 0\n\tmetadata_copies = 0\n\n'
              f'{pvs}\n\tlogical_volumes {{\n\n{"".join(lvs)}\t}}\n\n}}\n')
with open(sys.argv[4], 'w') as x:
    x.write(f'<superblock uuid="" time="1" transaction="{2 * n}" flags="0" version="2" data_block_size="128" '
            f'nr_data_blocks="{data_extents * 64}">\n')
    for i in range(1, n + 1):
        for dev, t in ((i, 0), (n + i, 1)):
            x.write(f'  <device dev_id="{dev}" mapped_blocks="100" transaction="{dev - 1}" creation_time="{t}" '
                    f'snap_time="1">\n    <range_mapping origin_begin="0" data_begin="{(i - 1) * 100}" '
                    f'length="100" time="0"/>\n  </device>\n')
    x.write('</superblock>\n')
