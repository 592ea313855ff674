package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.pool.testing.TestData;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Linux kernel as oracle (scripts/kernel-vm/run.sh boots Debian's kernel with dm-thin in qemu): a pool
 * that our engine wrote, with a thin volume and a snapshot, is activated by the kernel's dm-thin-pool target and
 * reads back byte for byte; then the kernel creates a snapshot and a thin device, writes into them and breaks
 * sharing, and our engine, our thin_check and the real thin_check (0.9.0 and 1.1.0) read what it left.
 */
class KernelDmThinIT {
    private static final int BLOCK_SECTORS = 128;
    private static final int VOL_BYTES = 16 << 20;

    @TempDir
    Path tmp;

    @Test
    void kernelReadsOurPoolAndWeReadWhatTheKernelWrote() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("KernelDmThinIT seed=" + seed);
        Random rnd = new Random(seed);
        Path meta = tmp.resolve("meta.img");
        Path data = tmp.resolve("data.img");
        byte[] origin = new byte[VOL_BYTES];
        byte[] snapshot;
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(java.time.Duration.ZERO);
        try (FileBlockDevice md = FileBlockDevice.create(meta, 8L << 20);
                FileBlockDevice dd = FileBlockDevice.create(data, 64L << 20);
                ThinPool pool = ThinPool.format(md, dd, BLOCK_SECTORS, cfg)) {
            pool.createThin(0);
            try (ThinVolume v = pool.volume(0, VOL_BYTES)) {
                write(v, origin, 0, randomBytes(rnd, 1 << 20));                 // whole blocks
                write(v, origin, (5 << 20) + 4096, randomBytes(rnd, 40960));    // inside blocks
                write(v, origin, (12 << 20) + 8192, randomBytes(rnd, 4096));
                v.flush();
            }
            snapshot = origin.clone();
            pool.createSnapshot(1, 0);
            try (ThinVolume v = pool.volume(0, VOL_BYTES)) {
                write(v, origin, 65536 + 4096, randomBytes(rnd, 8192));          // breaks sharing of one block
                v.flush();
            }
            pool.setTransactionId(0, 3);
            pool.commit();
        }
        byte[] kernelBytes = randomBytes(rnd, 3 * 65536);
        Files.write(tmp.resolve("kpat"), kernelBytes);
        Path script = tmp.resolve("vm.sh");
        int sectors = VOL_BYTES / 512;
        Files.writeString(script, String.join("\n",
                "set -e",
                "trap 'echo \"failed; kernel log:\"; dmesg | tail -n 20' ERR",
                "data=$(cat /sys/block/vdb/size)",
                "dmsetup create pool --table \"0 $data thin-pool /dev/vda /dev/vdb " + BLOCK_SECTORS
                        + " 0 1 skip_block_zeroing\"",
                "dmsetup mknodes",
                "for d in 0 1; do dmsetup create t$d --table \"0 " + sectors + " thin /dev/mapper/pool $d\"; done",
                "dmsetup mknodes",
                "echo \"sha t0 $(sha256sum </dev/mapper/t0 | cut -d' ' -f1)\"",
                "echo \"sha t1 $(sha256sum </dev/mapper/t1 | cut -d' ' -f1)\"",
                "dmsetup status pool",
                "dmsetup suspend t0",
                "dmsetup message pool 0 'create_snap 2 0'",
                "dmsetup resume t0",
                "dmsetup message pool 0 'create_thin 3'",
                "dmsetup create t3 --table \"0 " + sectors + " thin /dev/mapper/pool 3\"",
                "dmsetup mknodes",
                "dd if=/files/kpat of=/dev/mapper/t3 bs=65536 seek=3 oflag=direct conv=fsync status=none",
                "dd if=/files/kpat of=/dev/mapper/t0 bs=4096 seek=100 count=2 oflag=direct conv=fsync status=none",
                "dmsetup message pool 0 'set_transaction_id 3 7'",
                "dmsetup remove t0; dmsetup remove t1; dmsetup remove t3; dmsetup remove pool",
                "echo done", ""));
        Path run = TestData.repositoryRoot().resolve("scripts/kernel-vm/run.sh");
        RealTools.Run vm = RealTools.run("bash", run.toString(), "--rw", "--disk", meta.toString(), "--disk",
                data.toString(), "--file", tmp.resolve("kpat").toString(), "--", script.toString());
        String ctx = "seed " + seed + "\n" + vm.stdout() + vm.stderr();
        assertEquals(0, vm.rc(), "the kernel VM run failed: " + ctx);
        assertTrue(vm.stdout().contains("sha t0 " + sha(origin)), "kernel reads our origin: " + ctx);
        assertTrue(vm.stdout().contains("sha t1 " + sha(snapshot)), "kernel reads our snapshot: " + ctx);
        assertTrue(vm.stdout().contains("done"), ctx);

        // What the kernel left: the real tools and ours accept it, and our engine reads every byte it wrote.
        RealThinTools.Run real = RealThinTools.checkAll(meta);
        assertEquals(0, real.rc(), real.combined());
        RealTools.Run ours = RealTools.run(TestData.repositoryRoot().resolve("bin/jlvm").toString(), "thin_check",
                meta.toString());
        assertEquals(0, ours.rc(), "our thin_check on the kernel's metadata: " + ours.stderr());
        byte[] originBefore = origin.clone();
        System.arraycopy(kernelBytes, 0, origin, 100 * 4096, 8192);
        byte[] thin3 = new byte[VOL_BYTES];
        System.arraycopy(kernelBytes, 0, thin3, 3 * 65536, kernelBytes.length);
        try (FileBlockDevice md = FileBlockDevice.open(meta, false);
                FileBlockDevice dd = FileBlockDevice.open(data, false);
                ThinPool pool = ThinPool.open(md, dd, BLOCK_SECTORS, cfg)) {
            assertArrayEquals(origin, readAll(pool, 0), "origin after the kernel's write");
            assertArrayEquals(snapshot, readAll(pool, 1), "our snapshot, untouched by the kernel");
            assertArrayEquals(originBefore, readAll(pool, 2), "the kernel's snapshot of our origin");
            assertArrayEquals(thin3, readAll(pool, 3), "the kernel's new thin device");
            assertEquals(7, pool.status().transactionId(), "transaction id set by the kernel");
        }
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static void write(ThinVolume v, byte[] model, long offset, byte[] bytes) throws Exception {
        v.write(offset, ByteBuffer.wrap(bytes));
        System.arraycopy(bytes, 0, model, (int) offset, bytes.length);
    }

    private static byte[] readAll(ThinPool pool, long dev) throws Exception {
        byte[] all = new byte[VOL_BYTES];
        try (ThinVolume v = pool.volume(dev, VOL_BYTES)) {
            v.read(0, ByteBuffer.wrap(all));
        }
        return all;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
