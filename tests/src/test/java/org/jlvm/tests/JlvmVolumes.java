package org.jlvm.tests;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.ThinPools;
import org.jlvm.cli.lvm.vg.VgSession;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.testing.TestData;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;

/**
 * {@code bin/jlvm} with its own {@code JLVM_HOME}, and the bytes of its LVs: a thin LV through the thin engine
 * on its pool's {@code _tdata}/{@code _tmeta} extents, a linear LV through its extents ({@link VgSession}).
 */
final class JlvmVolumes {
    /** The columns the oracle tests compare with the real lvm2's. */
    static final String FIELDS = "lv_name,lv_attr,lv_size,pool_lv,origin,thin_id,transaction_id,seg_pe_ranges,"
            + "data_percent,metadata_percent";

    private final Path home;

    JlvmVolumes(Path home) {
        this.home = home;
    }

    RealTools.Run run(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = TestData.repositoryRoot().resolve("bin/jlvm").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        return RealTools.run(Map.of("JLVM_HOME", home.toString()), cmd);
    }

    /** Runs and fails with the output unless the exit code is 0. */
    RealTools.Run ok(String... args) throws IOException, InterruptedException {
        RealTools.Run r = run(args);
        if (r.rc() != 0) {
            throw new AssertionError("jlvm " + String.join(" ", args) + " failed (rc " + r.rc() + "):\n"
                    + r.stdout() + r.stderr());
        }
        return r;
    }

    /** {@code lvs -a -o FIELDS} of {@code vg} in bytes, one trimmed row per line, ':' between the columns. */
    List<String> lvs(String vg) throws IOException, InterruptedException {
        return ok("lvs", "-a", "-o", FIELDS, "--units", "b", "--nosuffix", "--noheadings", "--separator", ":", vg)
                .stdout().lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /** Writes {@code bytes} at {@code offset} of the LV {@code vg/lv} (thin or linear) and flushes. */
    void write(String vg, String lv, long offset, byte[] bytes) throws IOException {
        withLv(vg, lv, dev -> {
            dev.write(offset, ByteBuffer.wrap(bytes));
            dev.flush();
            return null;
        });
    }

    /** Every byte of the LV {@code vg/lv} (thin or linear). */
    byte[] read(String vg, String lv) throws IOException {
        return withLv(vg, lv, dev -> {
            byte[] all = new byte[Math.toIntExact(dev.size())];
            dev.read(0, ByteBuffer.wrap(all));
            return all;
        });
    }

    private interface LvAction<T> {
        T apply(BlockDevice lv) throws IOException;
    }

    private <T> T withLv(String vgName, String lvName, LvAction<T> action) throws IOException {
        LvmSettings settings = new LvmSettings(new LvmHome(home), "JlvmVolumes", false, 30_000);
        try (VgSession s = VgSession.open(settings, vgName, true)) {
            LogicalVolume lv = s.lv(lvName);
            if (!(lv.segments().get(0) instanceof ThinSegment)) {
                return action.apply(s.lvDevice(lv));
            }
            ThinSegment thin = ThinPools.thinSegment(lv);
            ThinPoolSegment pool = ThinPools.poolSegment(s.lv(thin.thinPool()));
            ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO)
                    .withZeroNewBlocks(pool.zeroNewBlocks());
            long bytes = lv.extentCount() * s.vg().extentSize() * 512;
            try (ThinPool tp = ThinPool.open(s.lvDevice(s.lv(pool.metadataLv())), s.lvDevice(s.lv(pool.poolLv())),
                    Math.toIntExact(pool.chunkSize()), cfg);
                    ThinVolume v = tp.volume(thin.deviceId(), bytes)) {
                T result = action.apply(v);
                tp.commit();
                return result;
            }
        }
    }
}
