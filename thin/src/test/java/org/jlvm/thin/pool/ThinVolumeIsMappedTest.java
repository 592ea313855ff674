package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** {@link ThinVolume#isMapped}: provisioned blocks, whole-block discards, and the range check. */
class ThinVolumeIsMappedTest {
    static final int SECTORS = 16;
    static final int B = SECTORS * 512;

    @Test
    void followsWritesAndDiscards() throws IOException {
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);
        try (ThinPool pool = ThinPool.format(new MemoryBlockDevice(2L << 20), new MemoryBlockDevice(64L * B), SECTORS,
                cfg)) {
            pool.createThin(0);
            ThinVolume vol = pool.volume(0, 16L * B);
            assertFalse(vol.isMapped(0));
            vol.write(3L * B + 100, new byte[10]);
            assertTrue(vol.isMapped(3L * B), "the block's first byte");
            assertTrue(vol.isMapped(4L * B - 1), "the block's last byte");
            assertFalse(vol.isMapped(4L * B));
            assertFalse(vol.isMapped(3L * B - 1));
            vol.discard(3L * B, B);
            assertFalse(vol.isMapped(3L * B), "a whole-block discard unmaps");
            assertThrows(IllegalArgumentException.class, () -> vol.isMapped(16L * B));
        }
    }
}
