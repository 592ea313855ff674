#!/usr/bin/env python3
"""Writes pool.xml (0.9.0 thin_dump format) for the metadata-tools benchmark.

usage: gen_thin_pool.py ORIGINS MAPPINGS_PER_DEVICE SNAPSHOTS_PER_ORIGIN [OUT]
Each origin maps runs of 1..16 blocks with small gaps; each of its snapshots maps the same
virtual blocks, 5 % of the runs moved to fresh data blocks (broken sharing), so the pool has
ORIGINS * (SNAPSHOTS + 1) devices and that many times MAPPINGS_PER_DEVICE mappings.
"""
import random, sys
random.seed(5)
n_orig=int(sys.argv[1]); per=int(sys.argv[2]); snaps=int(sys.argv[3])
nr_data = n_orig*per*2
out=open(sys.argv[4] if len(sys.argv) > 4 else 'pool.xml','w')
out.write(f'<superblock uuid="" time="{snaps}" transaction="1" flags="0" version="2" data_block_size="128" nr_data_blocks="{nr_data}">\n')
dev=0; nextd=0
for o in range(n_orig):
    runs=[]; v=0; total=0
    while total<per:
        l=random.randint(1,16); 
        runs.append((v, nextd, l)); nextd+=l; v+=l+random.randint(0,3); total+=l
    for s in range(snaps+1):
        out.write(f'  <device dev_id="{dev}" mapped_blocks="{total}" transaction="0" creation_time="{s}" snap_time="{snaps}">\n')
        for (vv,dd,l) in runs:
            if s>0 and random.random()<0.05:
                dd = nextd; nextd+=l
            if l==1: out.write(f'    <single_mapping origin_block="{vv}" data_block="{dd}" time="{s}"/>\n')
            else: out.write(f'    <range_mapping origin_begin="{vv}" data_begin="{dd}" length="{l}" time="{s}"/>\n')
        out.write('  </device>\n'); dev+=1
out.write('</superblock>\n')
