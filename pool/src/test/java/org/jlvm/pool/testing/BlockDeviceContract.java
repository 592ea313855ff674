package org.jlvm.pool.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.jlvm.pool.io.BlockDevice;
import org.junit.jupiter.api.Test;

/** The {@link BlockDevice} contract, run once per implementation by subclasses. */
public abstract class BlockDeviceContract {
    /** A fresh, zero-filled device of {@code size} bytes. */
    protected abstract BlockDevice create(long size) throws IOException;

    @Test
    void readsWhatWasWrittenAtAnyOffsetAndLength() throws IOException {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        int size = 1 << 20;
        byte[] model = new byte[size];
        try (BlockDevice d = create(size)) {
            for (int i = 0; i < 300; i++) {
                int off = r.nextInt(size - 1);
                int len = 1 + r.nextInt(Math.min(70_000, size - off));
                if (r.nextBoolean()) {
                    byte[] data = new byte[len];
                    r.nextBytes(data);
                    d.write(off, data);
                    System.arraycopy(data, 0, model, off, len);
                } else if (r.nextInt(10) == 0) {
                    d.writeZeroes(off, len);
                    java.util.Arrays.fill(model, off, off + len, (byte) 0);
                } else {
                    byte[] got = d.read(off, len);
                    assertArrayEquals(java.util.Arrays.copyOfRange(model, off, off + len), got,
                            "seed " + seed + " read " + off + "+" + len);
                }
            }
            d.flush();
            assertArrayEquals(model, d.read(0, size), "seed " + seed);
        }
    }

    @Test
    void bufferPositionsAdvance() throws IOException {
        try (BlockDevice d = create(8192)) {
            ByteBuffer src = ByteBuffer.allocate(100);
            src.position(10);
            d.write(0, src);
            org.junit.jupiter.api.Assertions.assertEquals(100, src.position());
            ByteBuffer dst = ByteBuffer.allocate(50);
            d.read(4000, dst);
            org.junit.jupiter.api.Assertions.assertFalse(dst.hasRemaining());
        }
    }

    @Test
    void discardOfADeviceThatSaysSoLeavesZeroes() throws IOException {
        int size = 1 << 20;
        byte[] data = new byte[size];
        new Random(7).nextBytes(data);
        try (BlockDevice d = create(size)) {
            d.write(0, data);
            d.flush();
            d.discard(4096, 300_000);
            d.discard(1 << 19, 12_288);
            byte[] got = d.read(0, size);
            if (d.discardZeroes()) {
                java.util.Arrays.fill(data, 4096, 4096 + 300_000, (byte) 0);
                java.util.Arrays.fill(data, 1 << 19, (1 << 19) + 12_288, (byte) 0);
                assertArrayEquals(data, got);
            } else {
                // A hint: every byte reads as its old content or as zero.
                for (int i = 0; i < size; i++) {
                    if (got[i] != 0 && got[i] != data[i]) {
                        throw new AssertionError("byte " + i + " after discard is neither old nor zero");
                    }
                }
            }
        }
    }

    @Test
    void outOfRangeIsRejected() throws IOException {
        try (BlockDevice d = create(8192)) {
            assertThrows(IllegalArgumentException.class, () -> d.read(8000, 1000));
            assertThrows(IllegalArgumentException.class, () -> d.write(-1, new byte[1]));
            assertThrows(IllegalArgumentException.class, () -> d.writeZeroes(8192, 1));
        }
    }
}
