package org.jlvm.pool.tx;

import java.io.IOException;
import org.jlvm.pool.block.Block;
import org.jlvm.pool.block.BlockManager;
import org.jlvm.pool.block.BlockValidator;
import org.jlvm.pool.sm.SpaceMap;
import org.jlvm.pool.util.LongSet;

/**
 * The only way to get a writable metadata block (the kernel's dm-transaction-manager).
 *
 * <ul>
 *   <li>{@link #newBlock} allocates a block in the metadata space map and returns it zeroed.</li>
 *   <li>{@link #shadow} returns a writable copy of a block: in place if the block was allocated or
 *       shadowed in this transaction and has a count of 1; otherwise a new block receives a copy and the old
 *       one loses a reference. {@link Shadow#incChildren()} reports that the original was shared, so the
 *       caller (the B-tree) must add a reference to every child of the copy.</li>
 *   <li>Blocks reachable from the committed superblock are never written: they are shadowed first, and the
 *       space map never hands out a block that was in use at the last commit.</li>
 *   <li>Commit protocol (run by the owner of the superblock): commit the space maps, {@link #flush()}
 *       (all dirty blocks, then a device flush), write the superblock, flush again, then
 *       {@link #endTransaction()}.</li>
 * </ul>
 * Not thread-safe: the owner serialises writers (and excludes readers while writing).
 */
public final class TransactionManager {
    /** A writable block and whether its children need an extra reference (the original was shared). */
    public record Shadow(Block block, boolean incChildren) {
    }

    private final BlockManager bm;
    private SpaceMap sm;
    private final LongSet shadowed = new LongSet();

    public TransactionManager(BlockManager bm) {
        this.bm = bm;
    }

    /** Sets the metadata space map (which itself uses this transaction manager). */
    public void setSpaceMap(SpaceMap sm) {
        this.sm = sm;
    }

    public SpaceMap spaceMap() {
        return sm;
    }

    public BlockManager blockManager() {
        return bm;
    }

    /** A read-only, validated block. */
    public Block read(long b, BlockValidator v) throws IOException {
        return bm.read(b, v);
    }

    /** Allocates a metadata block and returns it zeroed and writable. */
    public Block newBlock(BlockValidator v) throws IOException {
        long b = sm.newBlock();
        shadowed.add(b);
        return bm.writeZeroed(b, v);
    }

    /** A writable version of block {@code b} (see the class comment). */
    public Shadow shadow(long b, BlockValidator v) throws IOException {
        long count = sm.count(b);
        if (count == 0) {
            throw new IllegalStateException("shadowing free metadata block " + b);
        }
        boolean shared = count > 1;
        if (!shared && shadowed.contains(b)) {
            return new Shadow(bm.write(b, v), false);
        }
        long n = sm.newBlock();
        sm.dec(b);
        shadowed.add(n);
        try (Block orig = bm.read(b, v)) {
            Block copy = bm.writeZeroed(n, v);
            System.arraycopy(orig.data(), 0, copy.data(), 0, BlockManager.BLOCK_SIZE);
            return new Shadow(copy, shared);
        }
    }

    /** True if {@code b} was allocated or shadowed in this transaction. */
    public boolean isShadowed(long b) {
        return shadowed.contains(b);
    }

    public void inc(long b) throws IOException {
        sm.inc(b);
    }

    public void dec(long b) throws IOException {
        sm.dec(b);
    }

    public long refCount(long b) throws IOException {
        return sm.count(b);
    }

    /** Writes every dirty block and flushes the metadata device. */
    public void flush() throws IOException {
        bm.flush();
    }

    /** Ends the transaction after the superblock is durable: nothing counts as shadowed any more. */
    public void endTransaction() {
        shadowed.clear();
    }

    /** Abandons the transaction: drops dirty blocks and the shadow set. The caller reloads its state. */
    public void abort() {
        shadowed.clear();
        bm.invalidate();
    }
}
