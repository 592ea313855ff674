package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.PhysicalVolume;
import org.jlvm.cli.lvm.model.Segment;
import org.jlvm.cli.lvm.model.StripedSegment;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.model.VolumeGroup;
import org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ConcatBlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.io.SliceBlockDevice;
import org.jlvm.thin.meta.PoolMetadata;

/**
 * A VG's invariants read straight from its PV files, as {@code vgck} would check them: every PV holds the VG's
 * metadata text, it parses, and it is the same text with the same seqno on all of them; the LVs' extents lie
 * inside their PVs and never overlap; every thin pool has no pending message, and its dm-thin metadata (read
 * at the {@code _tmeta} extents) has the VG's transaction_id, exactly the VG's thin device ids and as many
 * data blocks as {@code _tdata} holds chunks.
 */
final class VgOnDiskCheck {
    private VgOnDiskCheck() {
    }

    /** Checks the VG on {@code pvFiles} (all its PVs) and returns it. */
    static VolumeGroup check(List<Path> pvFiles, String vgName) throws IOException {
        List<FileBlockDevice> devices = new ArrayList<>();
        try {
            VolumeGroup vg = null;
            Map<String, BlockDevice> byPvName = new HashMap<>();
            for (Path p : pvFiles) {
                FileBlockDevice dev = FileBlockDevice.open(p, true);
                devices.add(dev);
                PhysicalVolumeFile pv = PhysicalVolumeFile.of(dev, p.toString());
                VolumeGroup here = pv.readVg().orElseThrow(() -> new AssertionError(p + " has no VG metadata")).vg();
                assertEquals(vgName, here.name(), p.toString());
                if (vg != null) {
                    assertEquals(vg.seqno(), here.seqno(), "seqno of " + p);
                    assertEquals(vg, here, "the metadata on " + p);
                }
                vg = here;
                for (PhysicalVolume v : here.pvs()) {
                    if (v.id().equals(pv.label().pvUuid())) {
                        byPvName.put(v.name(), dev);
                    }
                }
            }
            assertEquals(vg.pvs().size(), byPvName.size(), "every PV of the VG was given: " + pvFiles);
            checkExtents(vg);
            for (LogicalVolume lv : vg.lvs()) {
                if (lv.segments().get(0) instanceof ThinPoolSegment pool) {
                    checkPool(vg, lv.name(), pool, byPvName);
                }
            }
            return vg;
        } finally {
            for (FileBlockDevice d : devices) {
                d.close();
            }
        }
    }

    private static void checkExtents(VolumeGroup vg) {
        Map<String, BitSet> used = new HashMap<>();
        for (LogicalVolume lv : vg.lvs()) {
            for (Segment s : lv.segments()) {
                if (!(s instanceof StripedSegment st)) {
                    continue;
                }
                long perStripe = st.extentCount() / st.stripes().size();
                for (StripedSegment.Stripe stripe : st.stripes()) {
                    PhysicalVolume pv = vg.pv(stripe.pvName()).orElseThrow(
                            () -> new AssertionError(lv.name() + " is on unknown PV " + stripe.pvName()));
                    assertTrue(stripe.startPe() + perStripe <= pv.peCount(), lv.name() + " beyond " + pv.name());
                    BitSet b = used.computeIfAbsent(pv.name(), k -> new BitSet());
                    for (long pe = stripe.startPe(); pe < stripe.startPe() + perStripe; pe++) {
                        assertFalse(b.get((int) pe), "extent " + pv.name() + ":" + pe + " of " + lv.name()
                                + " is used twice");
                        b.set((int) pe);
                    }
                }
            }
        }
    }

    private static void checkPool(VolumeGroup vg, String name, ThinPoolSegment pool, Map<String, BlockDevice> pvs)
            throws IOException {
        assertEquals(List.of(), pool.messages(), "pending messages of " + name);
        List<Long> thinIds = vg.lvs().stream().map(lv -> lv.segments().get(0))
                .filter(s -> s instanceof ThinSegment t && t.thinPool().equals(name))
                .map(s -> ((ThinSegment) s).deviceId()).sorted().toList();
        LogicalVolume tdata = vg.lv(pool.poolLv()).orElseThrow();
        try (PoolMetadata pm = PoolMetadata.open(lvDevice(vg, vg.lv(pool.metadataLv()).orElseThrow(), pvs), 1 << 20,
                true)) {
            assertEquals(pool.transactionId(), pm.stats().transactionId(), "transaction_id of " + name);
            assertEquals(thinIds, pm.devices().stream().sorted().toList(), "thin device ids of " + name);
            assertEquals(tdata.extentCount() * vg.extentSize() / pool.chunkSize(), pm.stats().dataBlocks(),
                    "data blocks of " + name);
        }
    }

    private static BlockDevice lvDevice(VolumeGroup vg, LogicalVolume lv, Map<String, BlockDevice> pvs) {
        long extentBytes = vg.extentSize() * 512;
        List<BlockDevice> parts = new ArrayList<>();
        for (Segment s : lv.segments()) {
            StripedSegment.Stripe stripe = ((StripedSegment) s).stripes().get(0);
            PhysicalVolume pv = vg.pv(stripe.pvName()).orElseThrow();
            parts.add(new SliceBlockDevice(pvs.get(pv.name()), pv.peStart() * 512 + stripe.startPe() * extentBytes,
                    s.extentCount() * extentBytes));
        }
        return parts.size() == 1 ? parts.get(0) : new ConcatBlockDevice(parts);
    }
}
