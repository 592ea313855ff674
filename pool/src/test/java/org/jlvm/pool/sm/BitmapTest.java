package org.jlvm.pool.sm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jlvm.pool.sm.disk.Bitmap;
import org.junit.jupiter.api.Test;

class BitmapTest {
    @Test
    void bitOrderMatchesTheKernel() {
        byte[] b = new byte[4096];
        for (int i = 0; i < 8; i++) {
            Bitmap.set(b, i, 1);
        }
        assertEquals((byte) 0xaa, b[16]);
        assertEquals((byte) 0xaa, b[17]);
        byte[] c = new byte[4096];
        Bitmap.set(c, 0, 3);
        Bitmap.set(c, 1, 3);
        assertEquals((byte) 0x0f, c[16]);
        byte[] d = new byte[4096];
        Bitmap.set(d, 7, 1);
        assertEquals((byte) 0x80, d[17]);
        Bitmap.set(d, 7, 2);
        assertEquals((byte) 0x40, d[17]);
        for (int v = 0; v < 4; v++) {
            Bitmap.set(d, 16319, v);
            assertEquals(v, Bitmap.get(d, 16319));
        }
    }
}
