package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.thin.meta.PoolMetadata;

/** What every pool of a VG must look like after a command: metadata that agrees with the VG, and thin_check's word. */
final class PoolChecks {
    private PoolChecks() {
    }

    /**
     * For each pool of {@code vg}: no pending messages, the pool metadata's transaction_id and devices are the VG's,
     * its data and metadata space maps are as big as {@code _tdata} and {@code _tmeta}; with {@code thinCheck}, the
     * real thin_check (0.9.0 and 1.1.0) accepts the {@code _tmeta} bytes (copied into {@code scratch}).
     */
    static void check(Path home, String vg, boolean thinCheck, Path scratch) throws Exception {
        LvmSettings s = new LvmSettings(new LvmHome(home), "check", false, 1000);
        try (VgSession v = VgSession.open(s, vg, false)) {
            long es = v.vg().extentSize();
            for (LogicalVolume lv : v.vg().lvs()) {
                ThinPoolSegment p = ThinPools.poolSegment(lv);
                if (p == null) {
                    continue;
                }
                assertTrue(p.messages().isEmpty(), lv.name() + " has pending messages " + p.messages());
                LogicalVolume tmeta = v.lv(p.metadataLv());
                try (PoolMetadata pm = ThinPools.open(v, lv, true)) {
                    assertEquals(p.transactionId(), pm.stats().transactionId(), lv.name() + " transaction_id");
                    List<Long> ids = ThinPools.thinsOf(v.vg(), lv.name()).stream()
                            .map(t -> ThinPools.thinSegment(t).deviceId()).sorted().toList();
                    assertEquals(ids, pm.devices(), lv.name() + " thin devices");
                    assertEquals(v.lv(p.poolLv()).extentCount() * es / p.chunkSize(), pm.stats().dataBlocks(),
                            lv.name() + " data blocks");
                    assertEquals(tmeta.extentCount() * es / 8, pm.stats().metadataBlocks(), lv.name()
                            + " metadata blocks");
                }
                if (thinCheck) {
                    Path cut = scratch.resolve(lv.name() + "_tmeta.bin");
                    copy(v.lvDevice(tmeta), cut);
                    RealThinTools.Run r = RealThinTools.checkAll(cut);
                    assertEquals(0, r.rc(), r.stdout());
                }
            }
        }
    }

    /** The bytes of {@code from} into the file {@code to}. */
    static void copy(BlockDevice from, Path to) throws Exception {
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(to,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long off = 0; off < from.size(); off += buf.capacity()) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), from.size() - off));
                from.read(off, buf);
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf, off + buf.position());
                }
            }
        }
    }
}
