package org.jlvm.cli.command;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;

/** The bytes of a VG's LVs for tests: a thin LV through our engine, any LV's extents as a file and back. */
final class PoolLvs {
    private final LvmSettings settings;
    private final String vg;

    PoolLvs(Path home, String vg) {
        this.settings = new LvmSettings(new LvmHome(home), "test", false, 1000);
        this.vg = vg;
    }

    interface OnVolume {
        void run(ThinVolume v) throws Exception;
    }

    /** Opens the pool of thin LV {@code thin} with the engine, runs {@code action} on the LV, commits. */
    void onThin(String thin, OnVolume action) throws Exception {
        try (VgSession v = VgSession.open(settings, vg, true)) {
            LogicalVolume t = v.lv(thin);
            ThinPoolSegment p = ThinPools.poolSegment(v.lv(ThinPools.thinSegment(t).thinPool()));
            try (BlockDevice md = v.lvDevice(v.lv(p.metadataLv()));
                 BlockDevice dd = v.lvDevice(v.lv(p.poolLv()));
                 ThinPool pool = ThinPool.open(md, dd, (int) p.chunkSize(), ThinPoolConfig.defaults());
                 ThinVolume vol = pool.volume(ThinPools.thinSegment(t).deviceId(),
                         t.extentCount() * v.vg().extentSize() * 512)) {
                action.run(vol);
                vol.flush();
                pool.commit();
            }
        }
    }

    /** The bytes of {@code lv} in a new file under {@code dir}. */
    Path bytesOf(String lv, Path dir) throws Exception {
        Path out = dir.resolve(lv + "-" + System.nanoTime() + ".bin");
        try (VgSession v = VgSession.open(settings, vg, false); BlockDevice d = v.lvDevice(v.lv(lv))) {
            PoolChecks.copy(d, out);
        }
        return out;
    }

    /** Writes {@code bytes} at the start of {@code lv} (as much as fits) and flushes. */
    void write(String lv, byte[] bytes) throws Exception {
        try (VgSession v = VgSession.open(settings, vg, true); BlockDevice d = v.lvDevice(v.lv(lv))) {
            d.write(0, ByteBuffer.wrap(bytes, 0, (int) Math.min(bytes.length, d.size())));
            d.flush();
        }
    }

    /** Writes the file {@code from} at the start of {@code lv}. */
    void write(String lv, Path from) throws Exception {
        write(lv, Files.readAllBytes(from));
    }
}
