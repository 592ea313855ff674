package org.jlvm.tools.pack;

/**
 * Encodes one block as {@link Vm} instructions by its kind, as 1.x does: a b-tree node as its 32-byte header
 * (literal), its keys (delta-coded), its values (u64 leaf values as a shifted run — a mapping's data block and
 * time — internal values delta-coded, other leaf values literal) and the rest (literal); every other block as one
 * literal. A node whose header does not fit the block is one literal too.
 *
 * <p>One departure, still decodable by 1.x: the rest of a node after its keys and u64 values (the values of other
 * leaves, such as the space maps' u32 reference counts, and the unused end) is encoded as u64s when that is
 * shorter than the literal — repeated counts and zero padding shrink to a few instructions (about 2.5 % smaller
 * packs of pools with snapshots).
 */
final class BlockEncoder {
    private static final int HEADER = 32;
    private static final int LEAF = 2;
    private final ByteSink out;
    private final VmEncoder vm;
    private final ByteSink scratch = new ByteSink(PackFormat.BLOCK_SIZE + 64);
    private final VmEncoder scratchVm = new VmEncoder(scratch);
    private final long[] words = new long[PackFormat.BLOCK_SIZE / 8];
    private final long[] keys = new long[PackFormat.BLOCK_SIZE / 8];
    private final long[] values = new long[PackFormat.BLOCK_SIZE / 8];

    BlockEncoder(ByteSink out) {
        this.out = out;
        this.vm = new VmEncoder(out);
    }

    void encode(BlockKind kind, byte[] d, int off) {
        if (kind != BlockKind.NODE || !node(d, off)) {
            vm.literal(d, off, PackFormat.BLOCK_SIZE);
        }
    }

    /** Encodes a b-tree node; false (nothing written) when its header does not describe the block. */
    private boolean node(byte[] d, int off) {
        int flags = u32(d, off + 4);
        long max = u32(d, off + 20) & 0xFFFFFFFFL;
        long valueSize = u32(d, off + 24) & 0xFFFFFFFFL;
        boolean leaf = flags == LEAF;
        boolean u64Values = !leaf || valueSize == 8;
        if (HEADER + max * (u64Values ? 16 : 8) > PackFormat.BLOCK_SIZE) {
            return false;
        }
        int n = (int) max;
        int p = off + HEADER;
        for (int i = 0; i < n; i++, p += 8) {
            keys[i] = u64(d, p);
        }
        vm.literal(d, off, HEADER);
        vm.u64s(keys, n);
        if (u64Values) {
            for (int i = 0; i < n; i++, p += 8) {
                values[i] = u64(d, p);
            }
            if (leaf) {
                vm.shifted(values, n);
            } else {
                vm.u64s(values, n);
            }
        }
        int tail = off + PackFormat.BLOCK_SIZE - p;
        if (tail > 0) {
            tail(d, p, tail);
        }
        return true;
    }

    /** The rest of a node: as u64s when that encodes shorter, else literal. */
    private void tail(byte[] d, int p, int n) {
        if (n % 8 == 0) {
            for (int i = 0; i < n / 8; i++) {
                words[i] = u64(d, p + 8 * i);
            }
            scratch.clear();
            scratchVm.u64s(words, n / 8);
            if (scratch.length() < n) {
                out.bytes(scratch.array(), 0, scratch.length());
                return;
            }
        }
        vm.literal(d, p, n);
    }

    private static int u32(byte[] d, int off) {
        return (d[off] & 0xFF) | (d[off + 1] & 0xFF) << 8 | (d[off + 2] & 0xFF) << 16 | (d[off + 3] & 0xFF) << 24;
    }

    private static long u64(byte[] d, int off) {
        return (u32(d, off) & 0xFFFFFFFFL) | (long) u32(d, off + 4) << 32;
    }
}
