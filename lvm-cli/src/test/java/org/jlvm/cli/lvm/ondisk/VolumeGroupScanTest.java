package org.jlvm.cli.lvm.ondisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jlvm.cli.lvm.LvmVectors;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** Grouping recorded PVs into VGs: ignored mdas, missing and stale PVs, orphans. */
class VolumeGroupScanTest {
    private static PhysicalVolumeFile pv(String vector, long size) throws Exception {
        return PhysicalVolumeFile.of(LvmVectors.device(vector, size), vector);
    }

    @Test
    void groupsPvsIntoVgs() throws Exception {
        long m256 = 256 * LvmVectors.MIB;
        PhysicalVolumeFile pv0 = pv("vgt-pv0.head.bin", m256);
        PhysicalVolumeFile ignored = pv("vgt-pv1-mdaignored.head.bin", m256);
        PhysicalVolumeFile orphan = pv("pv-64m-orphan.head.bin", 64 * LvmVectors.MIB);
        PhysicalVolumeFile vgw = pv("vgw-wrapped.head.bin", 64 * LvmVectors.MIB);
        VolumeGroupScan.Result r = VolumeGroupScan.scan(List.of(orphan, ignored, pv0, vgw));
        assertEquals(List.of("vgt", "vgw"), List.copyOf(r.vgs().keySet()));
        VolumeGroupScan.Found vgt = r.vg("vgt").orElseThrow();
        assertEquals(4, vgt.metadata().vg().seqno());
        assertEquals(List.of(pv0, ignored), vgt.pvs(), "the PV whose only mda is ignored joins by its UUID");
        assertTrue(vgt.missing().isEmpty());
        assertEquals(List.of(orphan), r.orphans());

        VolumeGroupScan.Found alone = VolumeGroupScan.scan(List.of(pv0)).vg("vgt").orElseThrow();
        assertEquals(List.of("pv1"), alone.missing().stream().map(p -> p.name()).toList());
    }

    @Test
    void olderSeqnoIsStale() throws Exception {
        long m256 = 256 * LvmVectors.MIB;
        PhysicalVolumeFile pv0 = pv("vgt-pv0.head.bin", m256);
        MemoryBlockDevice dev1 = LvmVectors.device("vgt-pv1.head.bin", m256);
        PhysicalVolumeFile pv1 = PhysicalVolumeFile.of(dev1, "pv1");
        VgText t = pv1.readVg().orElseThrow();
        pv1.writeVg(new VgText(t.header(), t.vg().withSeqno(5)));
        VolumeGroupScan.Found vgt = VolumeGroupScan.scan(List.of(pv0, pv1)).vg("vgt").orElseThrow();
        assertEquals(5, vgt.metadata().vg().seqno());
        assertEquals(List.of(pv0), vgt.stale());
        assertEquals(List.of(pv0, pv1), vgt.pvs());
    }
}
