package org.jlvm.thin.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.jlvm.pool.testing.FaultyBlockDevice;
import org.jlvm.pool.testing.MemoryBlockDevice;
import org.junit.jupiter.api.Test;

/** A FUA write to a thin volume is durable when it returns: it survives a power cut without a flush. */
class ThinVolumeFuaTest {
    static final int SECTORS = 16;
    static final int B = SECTORS * 512;

    @Test
    void fuaWriteSurvivesAPowerCutAndAPlainWriteDoesNot() throws IOException {
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ZERO);
        FaultyBlockDevice meta = new FaultyBlockDevice(new MemoryBlockDevice(2L << 20));
        FaultyBlockDevice data = new FaultyBlockDevice(new MemoryBlockDevice(64L * B));
        ThinPool pool = ThinPool.format(meta, data, SECTORS, cfg);
        pool.createThin(0);
        pool.commit();
        ThinVolume vol = pool.volume(0, 16L * B);
        Random r = new Random(31);
        byte[] kept = new byte[B + 100];
        r.nextBytes(kept);
        byte[] lost = new byte[B];
        r.nextBytes(lost);
        vol.writeFua(3L * B - 50, ByteBuffer.wrap(kept));
        vol.write(8L * B, lost);
        pool.closeAbruptly();
        meta.crash();
        data.crash();
        ThinPool reopened = ThinPool.open(meta, data, SECTORS, cfg);
        ThinVolume again = reopened.volume(0, 16L * B);
        assertArrayEquals(kept, again.read(3L * B - 50, kept.length));
        assertArrayEquals(new byte[B], again.read(8L * B, B), "the plain write was not flushed");
        reopened.close();
    }
}
