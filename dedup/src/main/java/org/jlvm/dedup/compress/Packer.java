package org.jlvm.dedup.compress;

import java.io.IOException;
import org.jlvm.dedup.format.PackedBlock;

/**
 * Packs compressed fragments end to end into a stream of packed blocks ({@link PackedBlock}); a fragment that
 * does not fit the open block continues in the next one, so no space is lost to bin fitting.
 *
 * <p>Only one block is open at a time. Full blocks (which have consecutive PBNs while fragments keep
 * spilling into {@code pbn + 1}) are held back, up to {@link #MAX_BATCH}, and written together; everything
 * is written on {@link #close()} (called by flush). A block is never rewritten after it was written.
 *
 * <p>Bounded wait: with a maximum wait, once the oldest fragment not yet written arrived longer ago than
 * that, the open block and the held-back blocks are written (as {@link #close()} would) by the next
 * {@link #add} or {@link #closeIfExpired()}; the owner calls the latter from a timer. Written is not durable:
 * that still takes the owner's next flush.
 *
 * <p>The packer holds one reference on each block it has not written yet (taken by {@link Sink#allocate()}
 * or {@link Sink#claim}, released through {@link Sink#release} once written); through the sink it adds one reference
 * per fragment to every block the returned placement touches. A block that dedup shared up to the reference
 * limit takes no more fragments: the packer checks for room before it changes anything and otherwise closes
 * the block and starts a new one. Thread-safe (one monitor); the sink is called
 * with the monitor held.
 */
public final class Packer {
    /** Limit on fragments starting in one block so that references stay under the refcount limit. */
    static final int MAX_FRAGMENTS_PER_BLOCK = 240;
    /** Full blocks held back to be written together (they have consecutive PBNs). */
    static final int MAX_BATCH = 32;

    /** Where the packer gets blocks and writes them. */
    public interface Sink {
        /** A free data block, already holding one reference for the packer. */
        long allocate() throws IOException;

        /**
         * Reserves the given block if it is free (provisional, no reference yet); false if it is not
         * available. Used to keep the block after the open one for a fragment that spans two blocks.
         */
        boolean reserve(long pbn) throws IOException;

        /** Turns a reserved block into one holding the packer's reference. */
        void claim(long pbn) throws IOException;

        /** Gives back a reserved block that was not used. */
        void unreserve(long pbn) throws IOException;

        /**
         * Adds one reference (for a fragment) to a block the packer holds if it is below the sharing limit
         * (dedup may have shared its fragments up to it); false, changing nothing, otherwise.
         */
        boolean tryAddReference(long pbn) throws IOException;

        /** Adds one reference (for a fragment) to a block the packer holds. */
        void addReference(long pbn) throws IOException;

        /** Writes {@code count} packed blocks from {@code blocks} at consecutive PBNs from {@code firstPbn}. */
        void write(long firstPbn, byte[] blocks, int count) throws IOException;

        /** Drops the packer's reference on a block it no longer appends to. */
        void release(long pbn) throws IOException;
    }

    /** Where a fragment went: its first block, offset in that block's payload, length and the second block. */
    public record Placement(long pbn, int offset, int length, long nextPbn) {
        public boolean spans() {
            return nextPbn != PackedBlock.NO_NEXT;
        }
    }

    private final Sink sink;
    private final long maxWaitNanos;
    private long openedAt; // when the oldest fragment not yet written arrived
    private long timedOutBlocks;
    private byte[] block;
    private long pbn = -1;
    private final byte[] batch = new byte[MAX_BATCH * PackedBlock.BLOCK_SIZE];
    private long batchFirst = -1;
    private int batchCount;
    private long reserved = -1;
    private int used;
    private int fragments;
    private long fragmentsWritten;
    private long blocksWritten;

    /** A packer whose open block waits for fragments until {@link #close()}. */
    public Packer(Sink sink) {
        this(sink, 0);
    }

    /** A packer whose open block is written once it is older than {@code maxWaitNanos} (0: no limit). */
    public Packer(Sink sink, long maxWaitNanos) {
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("maximum wait " + maxWaitNanos);
        }
        this.sink = sink;
        this.maxWaitNanos = maxWaitNanos;
    }

    /** Writes the open block (and the full blocks held back) if it has waited too long; true if it did. */
    public synchronized boolean closeIfExpired() throws IOException {
        if (!expired()) {
            return false;
        }
        closeOpenBlock();
        timedOutBlocks++;
        return true;
    }

    /** Open blocks written because they waited longer than the limit. */
    public synchronized long timedOutBlocks() {
        return timedOutBlocks;
    }

    private boolean expired() {
        return maxWaitNanos > 0 && pbn >= 0 && (used > 0 || batchCount > 0)
                && System.nanoTime() - openedAt >= maxWaitNanos;
    }

    /**
     * Appends {@code fragment[0, length)} and adds one reference per touched block; on failure nothing was
     * appended. A fragment that does not fit continues in block {@code pbn + 1} when that block could be
     * reserved; otherwise the open block is closed and the fragment starts a new one.
     */
    public synchronized Placement add(byte[] fragment, int length) throws IOException {
        if (length <= 0 || length > PackedBlock.MAX_FRAGMENT) {
            throw new IllegalArgumentException("fragment length " + length);
        }
        closeIfExpired();
        while (true) {
            if (pbn >= 0 && (fragments >= MAX_FRAGMENTS_PER_BLOCK || used == PackedBlock.PAYLOAD
                    || (used + length > PackedBlock.PAYLOAD && reserved != pbn + 1))) {
                closeOpenBlock();
            }
            if (pbn < 0) {
                openBlock(sink.allocate());
            }
            if (sink.tryAddReference(pbn)) {
                break; // the fragment's reference on its first block; nothing else changed yet
            }
            closeOpenBlock(); // dedup shared this block up to the limit: it takes no more fragments
        }
        long first = pbn;
        int offset = used;
        int room = PackedBlock.PAYLOAD - used;
        if (used == 0 && batchCount == 0) {
            openedAt = System.nanoTime(); // the oldest data not yet written
        }
        if (length <= room) {
            System.arraycopy(fragment, 0, block, PackedBlock.HEADER + used, length);
            used += length;
            fragments++;
            fragmentsWritten++;
            return new Placement(first, offset, length, PackedBlock.NO_NEXT);
        }
        long next = reserved;
        if (batchCount == MAX_BATCH || (batchCount > 0 && batchFirst + batchCount != first)) {
            try {
                writeBatch();
            } catch (IOException e) {
                sink.release(first); // the fragment's reference: nothing was appended
                throw e;
            }
        }
        System.arraycopy(fragment, 0, block, PackedBlock.HEADER + used, room);
        PackedBlock.writeHeader(block, fragments + 1, next);
        sink.claim(next);
        reserved = -1;
        sink.addReference(next);
        appendToBatch(first, block);
        openBlock(next);
        System.arraycopy(fragment, room, block, PackedBlock.HEADER, length - room);
        used = length - room;
        fragmentsWritten++;
        return new Placement(first, offset, length, next);
    }

    /** Copies the open block, or a full block not yet written, into {@code dst}; false if it is neither. */
    public synchronized boolean copyIfOpen(long candidate, byte[] dst) {
        if (batchCount > 0 && candidate >= batchFirst && candidate < batchFirst + batchCount) {
            System.arraycopy(batch, (int) (candidate - batchFirst) * PackedBlock.BLOCK_SIZE, dst, 0,
                    PackedBlock.BLOCK_SIZE);
            return true;
        }
        if (pbn < 0 || candidate != pbn) {
            return false;
        }
        PackedBlock.writeHeader(block, fragments, PackedBlock.NO_NEXT);
        System.arraycopy(block, 0, dst, 0, block.length);
        return true;
    }

    /** Writes the open block (if any) and releases it. */
    public synchronized void close() throws IOException {
        if (pbn >= 0) {
            closeOpenBlock();
        }
    }

    /** Fragments accepted so far. */
    public synchronized long fragmentsWritten() {
        return fragmentsWritten;
    }

    /** Packed blocks written so far. */
    public synchronized long blocksWritten() {
        return blocksWritten;
    }

    /** Fragments in the open block. */
    public synchronized int fragmentsInPacker() {
        return pbn < 0 ? 0 : fragments;
    }

    private void openBlock(long p) throws IOException {
        pbn = p;
        block = new byte[PackedBlock.HEADER + PackedBlock.PAYLOAD];
        used = 0;
        fragments = 0;
        if (reserved < 0 && sink.reserve(p + 1)) {
            reserved = p + 1;
        }
    }

    private void appendToBatch(long p, byte[] full) {
        if (batchCount == 0) {
            batchFirst = p;
        }
        System.arraycopy(full, 0, batch, batchCount * PackedBlock.BLOCK_SIZE, PackedBlock.BLOCK_SIZE);
        batchCount++;
    }

    /**
     * Writes the full blocks held back (contiguous PBNs) in one backing write and releases them; if the write
     * fails nothing changed.
     */
    private void writeBatch() throws IOException {
        if (batchCount == 0) {
            return;
        }
        sink.write(batchFirst, batch, batchCount);
        int n = batchCount;
        long first = batchFirst;
        batchCount = 0;
        batchFirst = -1;
        blocksWritten += n;
        for (int i = 0; i < n; i++) {
            sink.release(first + i);
        }
    }

    private void closeOpenBlock() throws IOException {
        PackedBlock.writeHeader(block, fragments, PackedBlock.NO_NEXT);
        if (batchCount == MAX_BATCH || (batchCount > 0 && batchFirst + batchCount != pbn)) {
            writeBatch();
        }
        appendToBatch(pbn, block);
        try {
            writeBatch();
        } catch (IOException e) {
            // the open block stays open (and the batch as it was), so a later close writes it once
            if (--batchCount == 0) {
                batchFirst = -1;
            }
            throw e;
        }
        pbn = -1;
        block = null;
        if (reserved >= 0) {
            long r = reserved;
            reserved = -1;
            sink.unreserve(r);
        }
    }
}
