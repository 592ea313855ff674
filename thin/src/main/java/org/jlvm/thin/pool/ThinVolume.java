package org.jlvm.thin.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.Lock;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.thin.format.BlockTime;

/**
 * One thin device of a {@link ThinPool} as a {@link BlockDevice}: byte-granular offsets and lengths.
 *
 * <ul>
 *   <li><b>Reads</b> of unmapped blocks return zeroes without touching the data device; mapped blocks are read
 *       from the data device under the block's shared stripe lock (no pool-wide lock).</li>
 *   <li><b>Writes</b>: an unmapped block is provisioned (with {@code zeroNewBlocks} the rest of a partially
 *       written block is zeroed); a block shared with a snapshot (mapping time older than the device's
 *       snapshotted time) is copied to a new block with the write applied, then remapped; an exclusive block is
 *       written in place. Each block is handled under its exclusive stripe lock.</li>
 *   <li><b>Discard</b> (per the pool's {@link DiscardMode}): whole blocks are unmapped, mapped parts of partial
 *       blocks are zeroed. {@link #writeZeroes} always unmaps whole blocks and zeroes partial ones.</li>
 *   <li><b>Flush</b> commits the pool ({@link ThinPool#commit()}).</li>
 *   <li><b>FUA</b> ({@link #writeFua}) is the {@link BlockDevice} default: the write, then a pool commit
 *       (which flushes the data device), so it is durable when it returns.</li>
 *   <li>Every request holds the device's gate shared, so a snapshot of this device (which takes it exclusive)
 *       sees each request wholly or not at all.</li>
 * </ul>
 * Thread-safe; many threads may use the same volume.
 */
public final class ThinVolume implements BlockDevice {
    private static final byte[] ZEROES = new byte[64 * 1024];

    private final ThinPool pool;
    private final long dev;
    private final long size;
    private final DeviceGate gate;
    private final int blockBytes;
    private final BlockDevice data;

    ThinVolume(ThinPool pool, long dev, long size, DeviceGate gate) {
        this.pool = pool;
        this.dev = dev;
        this.size = size;
        this.gate = gate;
        this.blockBytes = pool.blockBytes();
        this.data = pool.dataDevice();
    }

    public long deviceId() {
        return dev;
    }

    @Override
    public long size() {
        return size;
    }

    /** One block's part of a request. */
    @FunctionalInterface
    private interface PieceOp {
        void apply(long vblock, int inBlock, int length, int bufferOffset) throws IOException;
    }

    private void forEachPiece(long offset, long length, PieceOp op) throws IOException {
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            long vb = pos / blockBytes;
            int in = (int) (pos % blockBytes);
            int n = (int) Math.min(blockBytes - in, end - pos);
            op.apply(vb, in, n, (int) (pos - offset));
            pos += n;
        }
    }

    /** Starts a request: counts it in flight (see {@link ThinPool#close()}) and takes the gate shared. */
    private Lock enter() throws IOException {
        pool.ioBegin();
        try {
            return lockGate();
        } catch (IOException | RuntimeException e) {
            pool.ioEnd();
            throw e;
        }
    }

    private Lock lockGate() throws IOException {
        Lock l = gate.lock.asReadLock();
        l.lock();
        if (!gate.alive) {
            l.unlock();
            throw new IOException("thin device " + dev + " has been deleted");
        }
        return l;
    }

    private void leave(Lock g) {
        if (g != null) {
            g.unlock();
        }
        pool.ioEnd();
    }

    /** One block's part of a changing request, under the block's exclusive stripe lock. */
    @FunctionalInterface
    private interface WritePiece {
        /** @return false when no data space was free: retried after a wait that holds no lock */
        boolean apply(long vblock, int inBlock, int length, int bufferOffset) throws IOException;
    }

    /**
     * Runs {@code op} on each block's piece under the gate (shared) and the block's stripe lock (exclusive). A piece
     * that found no data space lets go of both (so a snapshot or delete of this device need not wait behind it),
     * waits for space ({@link ThinPool#awaitSpace}), takes them again and retries.
     */
    private void changePieces(long offset, long length, WritePiece op) throws IOException {
        long pos = offset;
        long end = offset + length;
        long deadline = 0;
        Lock g = enter();
        try {
            while (pos < end) {
                long vb = pos / blockBytes;
                int in = (int) (pos % blockBytes);
                int n = (int) Math.min(blockBytes - in, end - pos);
                Lock l = pool.blockLocks.of(dev, vb).asWriteLock();
                boolean done;
                l.lock();
                try {
                    done = op.apply(vb, in, n, (int) (pos - offset));
                } finally {
                    l.unlock();
                }
                if (done) {
                    pos += n;
                    continue;
                }
                g.unlock();
                g = null;
                if (deadline == 0) {
                    deadline = pool.spaceDeadline();
                }
                pool.awaitSpace(deadline);
                g = lockGate();
            }
        } finally {
            leave(g);
        }
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        int start = dst.position();
        int len = dst.remaining();
        Lock g = enter();
        try {
            forEachPiece(offset, len, (vb, in, n, off) -> {
                ByteBuffer piece = dst.duplicate();
                piece.position(start + off).limit(start + off + n);
                readPiece(vb, in, piece);
            });
        } finally {
            leave(g);
        }
        dst.position(start + len);
    }

    private void readPiece(long vb, int in, ByteBuffer piece) throws IOException {
        Lock l = pool.blockLocks.of(dev, vb).asReadLock();
        l.lock();
        try {
            BlockTime bt = pool.lookup(gate, dev, vb);
            if (bt == null) {
                while (piece.hasRemaining()) {
                    piece.put(ZEROES, 0, Math.min(ZEROES.length, piece.remaining()));
                }
            } else {
                data.read(bt.block() * blockBytes + in, piece);
            }
        } finally {
            l.unlock();
        }
    }

    @Override
    public void write(long offset, ByteBuffer src) throws IOException {
        checkRange(offset, src.remaining());
        int start = src.position();
        int len = src.remaining();
        changePieces(offset, len, (vb, in, n, off) -> {
            ByteBuffer piece = src.duplicate();
            piece.position(start + off).limit(start + off + n);
            return writeLocked(vb, in, piece);
        });
        src.position(start + len);
    }

    /**
     * Writes one block's piece; the caller holds the block's stripe lock exclusively.
     *
     * @return false when the block needed a new data block and none was free
     */
    private boolean writeLocked(long vb, int in, ByteBuffer piece) throws IOException {
        BlockTime bt = pool.lookup(gate, dev, vb);
        if (bt != null && !pool.isShared(gate, dev, bt)) {
            data.write(bt.block() * blockBytes + in, piece);
            return true;
        }
        return pool.remap(gate, dev, vb, (nb, knownZero) -> fillNewBlock(nb, knownZero, bt, in, piece));
    }

    /**
     * Writes a newly allocated block {@code nb}: the piece, and around it the old block's content (copy-on-write
     * of {@code old}) or zeroes (provisioning with zeroing; skipped where the block already reads as zeroes: known
     * from a discard, or seen when read). Works in chunks of at most {@code ZEROES.length} bytes.
     */
    private void fillNewBlock(long nb, boolean knownZero, BlockTime old, int in, ByteBuffer piece)
            throws IOException {
        long base = nb * blockBytes;
        int end = in + piece.remaining();
        boolean whole = in == 0 && end == blockBytes;
        if (whole || old == null && (knownZero || !pool.config().zeroNewBlocks())) {
            data.write(base + in, piece.duplicate());
            return;
        }
        int chunk = Math.min(blockBytes, ZEROES.length);
        byte[] buf = new byte[chunk];
        for (int c = 0; c < blockBytes; c += chunk) {
            int from = Math.max(c, in);
            int to = Math.min(c + chunk, end);
            if (old != null) {
                data.read(old.block() * blockBytes + c, ByteBuffer.wrap(buf));
            } else {
                data.read(base + c, ByteBuffer.wrap(buf));
                if (Arrays.mismatch(buf, 0, chunk, ZEROES, 0, chunk) < 0) {
                    if (from < to) { // already zero around the piece: write just the piece's part
                        data.write(base + from, piece.duplicate().position(piece.position() + from - in)
                                .limit(piece.position() + to - in));
                    }
                    continue;
                }
                Arrays.fill(buf, (byte) 0);
            }
            if (from < to) {
                piece.duplicate().position(piece.position() + from - in).get(buf, from - c, to - from);
            }
            data.write(base + c, ByteBuffer.wrap(buf));
        }
    }

    @Override
    public void flush() throws IOException {
        pool.ioBegin();
        try {
            pool.commit();
        } finally {
            pool.ioEnd();
        }
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        checkRange(offset, length);
        DiscardMode m = pool.config().discardMode();
        if (m == DiscardMode.IGNORE) {
            return;
        }
        unmapRange(offset, length, m == DiscardMode.PASSDOWN);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        checkRange(offset, length);
        unmapRange(offset, length, pool.config().discardMode() == DiscardMode.PASSDOWN);
    }

    private void unmapRange(long offset, long length, boolean passdown) throws IOException {
        changePieces(offset, length, (vb, in, n, off) -> {
            if (n == blockBytes) {
                pool.unmap(gate, dev, vb, passdown);
                return true;
            }
            return pool.lookup(gate, dev, vb) == null || writeLocked(vb, in, ByteBuffer.wrap(new byte[n]));
        });
    }

    /**
     * Whether the data block holding byte {@code offset} is mapped (provisioned). An unmapped block reads as zeroes
     * and uses no pool space; blocks are {@link ThinPool#blockBytes()} long. For allocation queries (NBD block
     * status); the answer may change as soon as it is returned.
     */
    public boolean isMapped(long offset) throws IOException {
        checkRange(offset, 1);
        Lock g = enter();
        try {
            return pool.lookup(gate, dev, offset / blockBytes) != null;
        } finally {
            leave(g);
        }
    }

    /** True: discards release pool space. */
    @Override
    public boolean supportsDiscard() {
        return pool.config().discardMode() != DiscardMode.IGNORE;
    }

    /** Nothing to release: the pool owns the metadata and data devices. */
    @Override
    public void close() {
        // The pool owns everything.
    }

    @Override
    public String toString() {
        return "thin device " + dev;
    }
}
