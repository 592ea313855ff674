package org.jlvm.tools.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every kind of node (and nonsense headers) encodes to instructions that rebuild the same block. */
class BlockEncoderTest {
    private static final int BS = PackFormat.BLOCK_SIZE;

    private static byte[] node(Random r, int flags, int max, int valueSize, int nr) {
        ByteBuffer b = ByteBuffer.allocate(BS).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, r.nextInt()).putInt(4, flags).putLong(8, r.nextInt(1 << 20)).putInt(16, nr).putInt(20, max)
                .putInt(24, valueSize);
        int keys = 32;
        long k = r.nextInt(1000);
        for (int i = 0; i < nr && keys + 8 * i + 8 <= BS; i++) {
            k += 1 + (r.nextInt(4) == 0 ? r.nextInt(500) : 0);
            b.putLong(keys + 8 * i, k);
        }
        int values = keys + 8 * Math.max(0, Math.min(max, (BS - 32) / 8));
        long v = r.nextInt(1 << 30);
        for (int i = 0; i < nr && values + 8 * i + 8 <= BS; i++) {
            v += r.nextInt(3) == 0 ? r.nextInt(1 << 16) : 1;
            b.putLong(values + 8 * i, v << 24 | r.nextInt(3));
        }
        return b.array();
    }

    private static void roundTrip(BlockKind kind, byte[] block) throws CorruptPack {
        ByteSink s = new ByteSink(64);
        new BlockEncoder(s).encode(kind, block, 0);
        assertArrayEquals(block, VmTest.decode(s.array(), s.length()));
    }

    @Test
    void nodesOfEveryShapeRoundTrip() throws CorruptPack {
        long seed = System.nanoTime();
        System.out.println("BlockEncoderTest seed=" + seed);
        Random r = new Random(seed);
        for (int t = 0; t < 500; t++) {
            roundTrip(BlockKind.NODE, node(r, 2, 252, 8, r.nextInt(253))); // mapping leaf
            roundTrip(BlockKind.NODE, node(r, 1, 252, 8, r.nextInt(253))); // internal
            roundTrip(BlockKind.NODE, node(r, 2, 145, 24, r.nextInt(146))); // device details leaf
            roundTrip(BlockKind.NODE, node(r, r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(300))); // nonsense
            roundTrip(BlockKind.NODE, node(r, 2, 0, 8, 0));
            byte[] any = new byte[BS];
            r.nextBytes(any);
            roundTrip(BlockKind.BITMAP, any);
        }
    }

    @Test
    void aMappingLeafShrinks() {
        Random r = new Random(1);
        ByteBuffer b = ByteBuffer.wrap(node(r, 2, 252, 8, 0)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 252; i++) {
            b.putLong(32 + 8 * i, 5000 + i);
            b.putLong(32 + 8 * 252 + 8 * i, (70000L + i) << 24 | 3);
        }
        b.putInt(16, 252);
        ByteSink s = new ByteSink(64);
        new BlockEncoder(s).encode(BlockKind.NODE, b.array(), 0);
        assertTrue(s.length() < 120, "a dense leaf encodes to " + s.length() + " bytes");
    }

    @Test
    void referenceCountLeavesShrink() throws CorruptPack {
        ByteBuffer b = ByteBuffer.allocate(BS).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x1234567).putInt(4, 2).putLong(8, 77).putInt(16, 336).putInt(20, 336).putInt(24, 4);
        for (int i = 0; i < 336; i++) {
            b.putLong(32 + 8 * i, 9000 + i);
            b.putInt(32 + 8 * 336 + 4 * i, 11);
        }
        ByteSink s = new ByteSink(64);
        new BlockEncoder(s).encode(BlockKind.NODE, b.array(), 0);
        assertTrue(s.length() < 80, "a leaf of u32 counts encodes to " + s.length() + " bytes");
        assertArrayEquals(b.array(), VmTest.decode(s.array(), s.length()));
    }
}
