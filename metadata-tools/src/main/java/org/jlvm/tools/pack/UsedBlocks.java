package org.jlvm.tools.pack;

import java.util.BitSet;
import org.jlvm.pool.sm.disk.Bitmap;
import org.jlvm.pool.sm.disk.SpaceMapRoot;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.MetadataFile;

/**
 * The metadata blocks in use: block 0, the metadata space map's index block and bitmaps, and every block whose
 * reference count in the bitmaps is not zero (a count of 3 means 3 or more, so the overflow tree is not needed).
 */
final class UsedBlocks {
    private static final int MAX_BITMAPS = 255;

    private UsedBlocks() {
    }

    /** The blocks in use, below the image's size; BadBlock when the superblock or the space map is unreadable. */
    static BitSet read(MetadataFile f) throws Blocks.BadBlock {
        long nr = f.nrBlocks();
        if (nr > Integer.MAX_VALUE) {
            throw new Blocks.BadBlock(0, "the image has more blocks than a metadata device can");
        }
        BitSet used = new BitSet((int) nr);
        used.set(0);
        ThinSuperblock sb = Blocks.superblock(f, 0);
        SpaceMapRoot root = sb.metadataSpaceMapRoot();
        byte[] index = Blocks.index(f, root.bitmapRoot());
        used.set((int) root.bitmapRoot());
        long counted = Math.min(root.nrBlocks(), nr);
        long nrBitmaps = (root.nrBlocks() + Bitmap.ENTRIES - 1) / Bitmap.ENTRIES;
        if (root.nrBlocks() < 0 || nrBitmaps > MAX_BITMAPS) {
            throw new Blocks.BadBlock(0, "the metadata space map claims " + Long.toUnsignedString(root.nrBlocks())
                    + " blocks");
        }
        for (int i = 0; i < nrBitmaps; i++) {
            long loc = u64(index, 16 + 16 * i);
            byte[] bm = Blocks.bitmap(f, loc);
            used.set((int) loc);
            long first = (long) i * Bitmap.ENTRIES;
            int entries = (int) Math.min(Bitmap.ENTRIES, counted - first);
            for (int j = 0; j < entries; j += 4) {
                int bits = bm[Bitmap.WORDS_OFFSET + j / 4] & 0xFF;
                for (int k = 0; bits != 0 && k < 4 && j + k < entries; k++, bits >>>= 2) {
                    if ((bits & 3) != 0) {
                        used.set((int) (first + j + k));
                    }
                }
            }
        }
        return used;
    }

    private static long u64(byte[] d, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (d[off + i] & 0xFF);
        }
        return v;
    }
}
