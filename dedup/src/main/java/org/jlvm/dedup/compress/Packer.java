package org.jlvm.dedup.compress;

import java.io.IOException;
import org.jlvm.dedup.format.PackedBlock;

/**
 * Packs compressed fragments end to end into a stream of packed blocks ({@link PackedBlock}); a fragment that
 * does not fit the open block continues in the next one, so no space is lost to bin fitting.
 *
 * <p>Only one block is open at a time; it is written when full, on {@link #close()} (called by flush) and
 * never rewritten afterwards. The packer holds one reference on its open block (taken by
 * {@link Sink#allocate()}, released through {@link Sink#release}); the caller adds one reference per
 * fragment to every block the returned placement touches. Thread-safe (one monitor); the sink is called
 * with the monitor held.
 */
public final class Packer {
    /** Limit on fragments starting in one block so that references stay under the refcount limit. */
    static final int MAX_FRAGMENTS_PER_BLOCK = 240;

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

        /** Adds one reference (for a fragment) to a block the packer holds. */
        void addReference(long pbn) throws IOException;

        /** Writes a full 4 KiB packed block. */
        void write(long pbn, byte[] block) throws IOException;

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
    private byte[] block;
    private long pbn = -1;
    private long reserved = -1;
    private int used;
    private int fragments;
    private long fragmentsWritten;
    private long blocksWritten;

    public Packer(Sink sink) {
        this.sink = sink;
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
        if (pbn >= 0 && (fragments >= MAX_FRAGMENTS_PER_BLOCK || used == PackedBlock.PAYLOAD
                || (used + length > PackedBlock.PAYLOAD && reserved != pbn + 1))) {
            closeOpenBlock();
        }
        if (pbn < 0) {
            openBlock(sink.allocate());
        }
        long first = pbn;
        int offset = used;
        int room = PackedBlock.PAYLOAD - used;
        if (length <= room) {
            System.arraycopy(fragment, 0, block, PackedBlock.HEADER + used, length);
            sink.addReference(first);
            used += length;
            fragments++;
            fragmentsWritten++;
            return new Placement(first, offset, length, PackedBlock.NO_NEXT);
        }
        long next = reserved;
        System.arraycopy(fragment, 0, block, PackedBlock.HEADER + used, room);
        PackedBlock.writeHeader(block, fragments + 1, next);
        sink.write(first, block);
        sink.claim(next);
        reserved = -1;
        sink.addReference(first);
        sink.addReference(next);
        blocksWritten++;
        sink.release(first);
        openBlock(next);
        System.arraycopy(fragment, room, block, PackedBlock.HEADER, length - room);
        used = length - room;
        fragmentsWritten++;
        return new Placement(first, offset, length, next);
    }

    /** Copies the open block into {@code dst} if {@code candidate} is it; false otherwise. */
    public synchronized boolean copyIfOpen(long candidate, byte[] dst) {
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

    private void closeOpenBlock() throws IOException {
        PackedBlock.writeHeader(block, fragments, PackedBlock.NO_NEXT);
        long p = pbn;
        sink.write(p, block);
        blocksWritten++;
        pbn = -1;
        block = null;
        sink.release(p);
        if (reserved >= 0) {
            long r = reserved;
            reserved = -1;
            sink.unreserve(r);
        }
    }
}
