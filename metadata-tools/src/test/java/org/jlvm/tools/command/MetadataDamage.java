package org.jlvm.tools.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jlvm.pool.block.Checksums;

/**
 * A seeded generator of damaged copies of a metadata image: bit flips in used blocks (checksum kept, so the
 * block fails validation, or recomputed with the block's own salt, so only the content is wrong), zeroed,
 * swapped and copied blocks, truncation, and superblock and b-tree node header fields set to awkward values
 * (with the checksum recomputed). Each damaged image says what was done to it.
 */
final class MetadataDamage {
    static final int BS = 4096;
    private static final int[] SALTS = {Checksums.SUPERBLOCK_SALT, Checksums.BTREE_NODE_SALT, Checksums.BITMAP_SALT,
        Checksums.INDEX_SALT};
    /** Superblock fields: offset and width (flags ... incompat_flags, both space-map roots, tree roots). */
    private static final int[][] SB_FIELDS = {{4, 4}, {8, 8}, {32, 8}, {40, 4}, {44, 4}, {48, 8}, {56, 8},
        {64, 8}, {72, 8}, {80, 8}, {88, 8}, {192, 8}, {200, 8}, {208, 8}, {216, 8}, {320, 8}, {328, 8},
        {336, 4}, {340, 4}, {344, 8}, {352, 4}, {356, 4}, {360, 4}};
    /** Node header fields: flags, blocknr, nr_entries, max_entries, value_size. */
    private static final int[][] NODE_FIELDS = {{4, 4}, {8, 8}, {16, 4}, {20, 4}, {24, 4}};

    /** A damaged image and what was done to it. */
    record Damaged(byte[] image, String what) {
    }

    private final Random rnd;

    MetadataDamage(long seed) {
        this.rnd = new Random(seed);
    }

    /** One to three damages applied to a copy of {@code image}. */
    Damaged damage(byte[] image) {
        byte[] d = image.clone();
        List<String> what = new ArrayList<>();
        int n = 1 + (rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0);
        for (int i = 0; i < n; i++) {
            d = damageOnce(d, what);
        }
        return new Damaged(d, String.join("; ", what));
    }

    private byte[] damageOnce(byte[] d, List<String> what) {
        List<Integer> used = used(d);
        List<Integer> nodes = ofKind(d, used, Checksums.BTREE_NODE_SALT);
        int kind = rnd.nextInt(100);
        if (used.isEmpty()) {
            what.add("nothing left to damage");
            return d;
        }
        if (kind < 15) {
            int b = pick(used);
            int bits = 1 + rnd.nextInt(4);
            flip(d, b, bits, 0);
            what.add("flipped " + bits + " bits of block " + b + " (checksum kept)");
        } else if (kind < 35) {
            int b = pick(used);
            int salt = Checksums.saltOf(block(d, b));
            int bits = 1 + rnd.nextInt(4);
            // mostly in the header and first entries, where the structure is
            flip(d, b, bits, rnd.nextBoolean() ? 4 : 0);
            restamp(d, b, salt);
            what.add("flipped " + bits + " bits of block " + b + " (checksum recomputed)");
        } else if (kind < 42) {
            int b = pick(used);
            Arrays.fill(d, b * BS, (b + 1) * BS, (byte) 0);
            what.add("zeroed block " + b);
        } else if (kind < 49) {
            int a = pick(used);
            int b = pick(used);
            byte[] x = block(d, a);
            System.arraycopy(d, b * BS, d, a * BS, BS);
            System.arraycopy(x, 0, d, b * BS, BS);
            what.add("swapped blocks " + a + " and " + b);
        } else if (kind < 55) {
            int a = pick(used);
            int b = rnd.nextBoolean() ? pick(used) : rnd.nextInt(d.length / BS);
            System.arraycopy(d, a * BS, d, b * BS, BS);
            what.add("copied block " + a + " over block " + b);
        } else if (kind < 60) {
            int last = used.get(used.size() - 1);
            long len = rnd.nextInt(4) == 0 ? rnd.nextInt((last + 2) * BS) : (long) rnd.nextInt(last + 2) * BS;
            what.add("truncated to " + len + " bytes");
            return Arrays.copyOf(d, (int) len);
        } else if (kind < 78 || nodes.isEmpty()) {
            int[] f = SB_FIELDS[rnd.nextInt(SB_FIELDS.length)];
            long v = awkward(d.length / BS, f[1]);
            put(d, f[0], f[1], v);
            restamp(d, 0, Checksums.SUPERBLOCK_SALT);
            what.add("superblock field at " + f[0] + " set to " + Long.toUnsignedString(v));
        } else if (kind < 93) {
            int b = pick(nodes);
            int[] f = NODE_FIELDS[rnd.nextInt(NODE_FIELDS.length)];
            long v = f[0] == 4 ? rnd.nextInt(5) : awkward(d.length / BS, f[1]);
            put(d, b * BS + f[0], f[1], v);
            restamp(d, b, Checksums.BTREE_NODE_SALT);
            what.add("node " + b + " header field at " + f[0] + " set to " + Long.toUnsignedString(v));
        } else {
            int b = pick(nodes);
            int nr = Math.max(1, Math.min(getInt(d, b * BS + 16), 500));
            int max = Math.max(1, Math.min(getInt(d, b * BS + 20), 500));
            int i = rnd.nextInt(nr);
            boolean key = rnd.nextBoolean();
            int off = key ? 32 + 8 * i : 32 + 8 * max + 8 * i;
            if (off + 8 <= BS) {
                long v = awkward(d.length / BS, 8);
                put(d, b * BS + off, 8, v);
                restamp(d, b, Checksums.BTREE_NODE_SALT);
                what.add("node " + b + (key ? " key " : " value ") + i + " set to " + Long.toUnsignedString(v));
            } else {
                what.add("node " + b + " left alone");
            }
        }
        return d;
    }

    /** Values that tend to break readers: 0, 1, the device size and its neighbours, 2^31, 2^32, 2^62, all ones. */
    private long awkward(long deviceBlocks, int width) {
        long[] v = {0, 1, 2, 3, 127, 255, deviceBlocks - 1, deviceBlocks, deviceBlocks + 1, 0x7FFFFFFFL, 0x80000000L,
            0xFFFFFFFFL, 1L << 32, 1L << 40, 1L << 62, -1L, rnd.nextInt(1 << 16), rnd.nextLong()};
        long x = v[rnd.nextInt(v.length)];
        return width == 4 ? x & 0xFFFFFFFFL : x;
    }

    private int pick(List<Integer> l) {
        return l.get(rnd.nextInt(l.size()));
    }

    private void flip(byte[] d, int b, int bits, int headerBias) {
        for (int i = 0; i < bits; i++) {
            int off = headerBias > 0 && rnd.nextBoolean() ? 4 + rnd.nextInt(60) : 4 + rnd.nextInt(BS - 4);
            d[b * BS + off] ^= (byte) (1 << rnd.nextInt(8));
        }
    }

    /** The non-zero blocks, in order. */
    static List<Integer> used(byte[] d) {
        List<Integer> out = new ArrayList<>();
        for (int b = 0; b < d.length / BS; b++) {
            for (int i = b * BS; i < (b + 1) * BS; i++) {
                if (d[i] != 0) {
                    out.add(b);
                    break;
                }
            }
        }
        return out;
    }

    private static List<Integer> ofKind(byte[] d, List<Integer> used, int salt) {
        List<Integer> out = new ArrayList<>();
        for (int b : used) {
            if (Checksums.saltOf(block(d, b)) == salt) {
                out.add(b);
            }
        }
        return out;
    }

    static byte[] block(byte[] d, int b) {
        return Arrays.copyOfRange(d, b * BS, (b + 1) * BS);
    }

    /** Recomputes block {@code b}'s checksum with {@code salt} if it is one of the metadata salts. */
    private static void restamp(byte[] d, int b, int salt) {
        boolean known = false;
        for (int s : SALTS) {
            known |= s == salt;
        }
        if (!known) {
            return;
        }
        byte[] x = block(d, b);
        Checksums.stamp(x, salt);
        System.arraycopy(x, 0, d, b * BS, BS);
    }

    private static void put(byte[] d, int off, int width, long v) {
        for (int i = 0; i < width; i++) {
            d[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getInt(byte[] d, int off) {
        return (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16 | (d[off + 3] & 0xFF) << 24;
    }
}
