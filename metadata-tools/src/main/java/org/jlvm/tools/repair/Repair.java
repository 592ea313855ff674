package org.jlvm.tools.repair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jlvm.pool.btree.Node;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.dump.Dumper;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ir.TreeWalker;

/**
 * Tolerant dump ({@code thin_dump -r}, the reading half of {@code thin_repair}): damaged subtrees are skipped,
 * devices without details or without a readable mapping tree are dropped, and what was lost is reported to
 * the optional {@code lost} list.
 */
public final class Repair {
    private Repair() {
    }

    /** Superblock values given on the command line (null = not given). */
    public record Overrides(Long transactionId, Long dataBlockSize, Long nrDataBlocks) {
        public static Overrides parse(String tid, String dbs, String ndb) throws ToolException {
            return new Overrides(num("--transaction-id", tid), num("--data-block-size", dbs),
                    num("--nr-data-blocks", ndb));
        }

        private static Long num(String opt, String s) throws ToolException {
            if (s == null) {
                return null;
            }
            try {
                return Long.parseUnsignedLong(s);
            } catch (NumberFormatException e) {
                throw new ToolException("couldn't parse " + opt + " '" + s + "'");
            }
        }
    }

    public static void dump(MetadataFile f, Overrides ov, Emitter e, List<String> lost) throws ToolException {
        List<String> sink = lost == null ? new ArrayList<>() : lost;
        ThinSuperblock sb;
        try {
            sb = Blocks.superblock(f, 0);
        } catch (Blocks.BadBlock bad) {
            List<String> missing = new ArrayList<>();
            if (ov.transactionId() == null) {
                missing.add("transaction id");
            }
            if (ov.dataBlockSize() == null) {
                missing.add("data block size");
            }
            if (ov.nrDataBlocks() == null) {
                missing.add("nr data blocks");
            }
            if (!missing.isEmpty()) {
                throw new ToolException("The following field needs to be provided on the command line due to "
                        + "corruption in the superblock: " + missing.get(0));
            }
            RootFinder.Roots r;
            try {
                r = RootFinder.find(f);
            } catch (java.io.IOException io) {
                throw new ToolException("couldn't scan for lost roots: " + io.getMessage());
            }
            sink.add("superblock unreadable (" + bad.getMessage() + "); found details root " + r.details()
                    + " and mapping root " + r.mapping() + " by scanning");
            byte[] fake = new byte[MetadataFile.BLOCK_SIZE];
            new ThinSuperblock(0, 0, new byte[16], ThinSuperblock.MAGIC, 2, (int) r.maxTime(), ov.transactionId(),
                    0, new org.jlvm.pool.sm.disk.SpaceMapRoot(ov.nrDataBlocks(), 0, 0, 0),
                    org.jlvm.pool.sm.disk.SpaceMapRoot.ZERO, Math.max(r.mapping(), 0), Math.max(r.details(), 0),
                    (int) (long) ov.dataBlockSize(), 8, f.nrBlocks(), 0, 0, 0).encode(fake);
            sb = ThinSuperblock.decode(fake);
            if (r.details() < 0 || r.mapping() < 0) {
                sb = new ThinSuperblock(0, 0, new byte[16], ThinSuperblock.MAGIC, 2, (int) r.maxTime(),
                        ov.transactionId(), 0, sb.dataSpaceMapRoot(), sb.metadataSpaceMapRoot(),
                        r.mapping() < 0 ? -1 : r.mapping(), r.details() < 0 ? -1 : r.details(),
                        sb.dataBlockSize(), 8, f.nrBlocks(), 0, 0, 0);
            }
        }
        SuperblockInfo info = new SuperblockInfo("", Integer.toUnsignedLong(sb.time()),
                ov.transactionId() != null ? ov.transactionId() : sb.transactionId(),
                Integer.toUnsignedLong(sb.flags()), Integer.toUnsignedLong(sb.version()),
                ov.dataBlockSize() != null ? ov.dataBlockSize() : Integer.toUnsignedLong(sb.dataBlockSize()),
                ov.nrDataBlocks() != null ? ov.nrDataBlocks() : sb.dataSpaceMapRoot().nrBlocks(), null);

        Map<Long, DeviceInfo> details = new TreeMap<>(Long::compareUnsigned);
        new TreeWalker(f, 1, DeviceDetails.SIZE, null, (path, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                DeviceDetails d = DeviceDetails.decode(n.data(), n.valueOffset(i));
                details.put(n.key(i), new DeviceInfo(n.key(i), d.mappedBlocks(), d.transactionId(),
                        Integer.toUnsignedLong(d.creationTime()), Integer.toUnsignedLong(d.snapshottedTime())));
            }
        }, (path, b, end, desc) -> sink.add("lost device details " + range(b, end) + ": " + desc)).minEntries(false)
                .walk(sb.deviceDetailsRoot());
        List<long[]> roots = new ArrayList<>();
        new TreeWalker(f, 1, 8, null, (path, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                roots.add(new long[] {n.key(i), n.value64(i)});
            }
        }, (path, b, end, desc) -> sink.add("lost the mapping trees of devices " + range(b, end) + ": " + desc)).minEntries(false)
                .walk(sb.dataMappingRoot());

        e.beginSuperblock(info);
        for (long[] r : roots) {
            DeviceInfo d = details.get(r[0]);
            if (d == null) {
                sink.add("device " + Long.toUnsignedString(r[0]) + " has mappings but no details; dropped");
                continue;
            }
            e.beginDevice(d);
            Dumper.RunMerger m = new Dumper.RunMerger(e);
            ToolException[] fail = new ToolException[1];
            long nrData = info.nrDataBlocks();
            long[] beyond = new long[1];
            new TreeWalker(f, 1, 8, null, (path, n) -> emitLeaf(n, m, fail, nrData, beyond),
                    (path, b, end, desc) -> sink.add("lost device " + Long.toUnsignedString(r[0]) + " mappings "
                            + range(b, end) + ": " + desc)).minEntries(false).walk(r[1]);
            if (fail[0] != null) {
                throw fail[0];
            }
            if (beyond[0] > 0) {
                sink.add("dropped " + beyond[0] + " mappings of device " + Long.toUnsignedString(r[0])
                        + " beyond the end of the data device");
            }
            m.flush();
            e.endDevice();
        }
        e.endSuperblock();
    }

    private static void emitLeaf(Node n, Dumper.RunMerger m, ToolException[] fail, long nrData, long[] beyond) {
        if (fail[0] != null) {
            return;
        }
        try {
            for (int i = 0; i < n.nr(); i++) {
                long bt = n.value64(i);
                if (Long.compareUnsigned(bt >>> 24, nrData) >= 0) {
                    beyond[0]++;
                    continue;
                }
                m.add(n.key(i), bt >>> 24, bt & 0xFFFFFFL);
            }
        } catch (ToolException ex) {
            fail[0] = ex;
        }
    }

    static String range(long b, Long end) {
        return "[" + Long.toUnsignedString(b) + ", " + (end == null ? "-" : Long.toUnsignedString(end)) + "]";
    }
}
