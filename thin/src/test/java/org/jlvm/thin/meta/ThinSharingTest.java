package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.jlvm.pool.testing.RealThinTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ThinSharing} against a brute-force count (every device's mappings listed, every data block's devices
 * counted) on seeded random pools of snapshots of snapshots, and against the real thin_ls 0.9.0's
 * EXCLUSIVE_BLOCKS and SHARED_BLOCKS on the same metadata.
 */
class ThinSharingTest {

    @Test
    void equalsABruteForceCountOnRandomPools() throws IOException {
        for (long seed = 1; seed <= 12; seed++) {
            System.out.println("ThinSharingTest seed " + seed);
            MemoryBlockDevice dev = new MemoryBlockDevice(16 << 20);
            randomPool(dev, seed, 300 + (int) (seed * 150));
            assertEquals(bruteForce(dev), ThinSharing.compute(dev), "seed " + seed);
        }
    }

    @Test
    void emptyPoolAndEmptyDevices() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(4 << 20);
        PoolMetadata.format(dev, 128, 1000, 1 << 20).close();
        assertEquals(Map.of(), ThinSharing.compute(dev));
        try (PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, false)) {
            pm.createThin(0);
            pm.createSnapshot(1, 0);
            pm.commit();
        }
        assertEquals(Map.of(0L, new ThinSharing.Usage(0, 0), 1L, new ThinSharing.Usage(0, 0)),
            ThinSharing.compute(dev));
    }

    @Test
    void aSnapshotSharesEverythingUntilWritten() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        try (PoolMetadata pm = PoolMetadata.format(dev, 128, 10_000, 1 << 20)) {
            pm.createThin(0);
            for (long v = 0; v < 2000; v++) {
                pm.insert(0, v, pm.allocateDataBlock());
            }
            pm.createSnapshot(1, 0);
            for (long v = 0; v < 100; v++) {
                pm.insert(1, v, pm.allocateDataBlock());
            }
            pm.commit();
        }
        Map<Long, ThinSharing.Usage> u = ThinSharing.compute(dev);
        assertEquals(new ThinSharing.Usage(2000, 100), u.get(0L));
        assertEquals(new ThinSharing.Usage(2000, 100), u.get(1L));
        assertEquals(1900, u.get(1L).shared());
    }

    @Test
    void damagedMetadataIsAnErrorNotAWrongAnswer() throws IOException {
        MemoryBlockDevice dev = new MemoryBlockDevice(8 << 20);
        randomPool(dev, 99, 200);
        long root;
        try (PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            root = pm.committedSuperblock().dataMappingRoot();
        }
        dev.write(root * 4096 + 100, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertThrows(CorruptMetadataException.class, () -> ThinSharing.compute(dev));
    }

    @Test
    void equalsTheRealThinLs(@TempDir Path tmp) throws IOException {
        long seed = 7;
        System.out.println("ThinSharingTest thin_ls seed " + seed);
        Path file = tmp.resolve("meta.bin");
        try (FileBlockDevice dev = FileBlockDevice.create(file, 16 << 20)) {
            randomPool(dev, seed, 1500);
        }
        RealThinTools.Run run = RealThinTools.run090("thin_ls", "--no-headers", "-o",
            "DEV,MAPPED_BLOCKS,EXCLUSIVE_BLOCKS,SHARED_BLOCKS", file.toString());
        assertEquals(0, run.rc(), run.combined());
        Map<Long, ThinSharing.Usage> real = new TreeMap<>();
        for (String line : run.stdout().strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            assertEquals(Long.parseLong(f[1]), Long.parseLong(f[2]) + Long.parseLong(f[3]), line);
            real.put(Long.parseLong(f[0]), new ThinSharing.Usage(Long.parseLong(f[1]), Long.parseLong(f[2])));
        }
        assertTrue(real.size() > 5, run.stdout());
        assertTrue(real.values().stream().anyMatch(x -> x.exclusive() > 0 && x.shared() > 0), run.stdout());
        try (FileBlockDevice dev = FileBlockDevice.open(file, true)) {
            assertEquals(real, new TreeMap<>(ThinSharing.compute(dev)));
        }
    }

    /** Thin devices, snapshots of any device, writes that break sharing, unmaps and deletes; committed. */
    static void randomPool(BlockDevice dev, long seed, int ops) throws IOException {
        Random r = new Random(seed);
        try (PoolMetadata pm = PoolMetadata.format(dev, 128, 200_000, 4 << 20)) {
            List<Long> devices = new ArrayList<>();
            long next = 0;
            for (int i = 0; i < ops; i++) {
                int op = r.nextInt(100);
                if (devices.isEmpty() || op < 4) {
                    pm.createThin(next);
                    devices.add(next++);
                } else if (op < 12 && devices.size() < 40) {
                    long origin = devices.get(r.nextInt(devices.size()));
                    pm.createSnapshot(next, origin);
                    devices.add(next++);
                } else if (op < 14 && devices.size() > 2) {
                    pm.deleteDevice(devices.remove(r.nextInt(devices.size())));
                } else if (op < 20) {
                    long d = devices.get(r.nextInt(devices.size()));
                    long v = r.nextInt(5000);
                    pm.removeRange(d, v, v + r.nextInt(200));
                } else {
                    long d = devices.get(r.nextInt(devices.size()));
                    long v = r.nextInt(5000);
                    int run = 1 + r.nextInt(64);
                    for (int k = 0; k < run; k++) {
                        pm.insert(d, v + k, pm.allocateDataBlock());
                    }
                }
            }
            pm.commit();
        }
    }

    /** Every device's mappings listed; a block is exclusive when exactly one mapping in the pool names it. */
    static Map<Long, ThinSharing.Usage> bruteForce(BlockDevice dev) throws IOException {
        try (PoolMetadata pm = PoolMetadata.open(dev, 4 << 20, true)) {
            Map<Long, List<Long>> blocks = new TreeMap<>();
            Map<Long, Integer> count = new HashMap<>();
            for (long d : pm.devices()) {
                List<Long> mine = new ArrayList<>();
                pm.forEachMapping(d, 0, Long.MAX_VALUE, (v, bt) -> {
                    mine.add(bt >>> 24);
                    count.merge(bt >>> 24, 1, Integer::sum);
                    return true;
                });
                blocks.put(d, mine);
            }
            Map<Long, ThinSharing.Usage> out = new TreeMap<>();
            blocks.forEach((d, list) -> out.put(d, new ThinSharing.Usage(list.size(),
                list.stream().filter(b -> count.get(b) == 1).count())));
            return out;
        }
    }
}
