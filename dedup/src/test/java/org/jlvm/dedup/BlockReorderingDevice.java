package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jlvm.pool.io.BlockDevice;

/**
 * A volatile write cache at 4 KiB-block granularity for crash tests: un-flushed blocks reach the backing
 * device only on flush; {@link #crash} keeps each of them independently with probability 1/2 (whole blocks,
 * any order), which is how a missing flush barrier between two writes shows up. The Nth I/O (write or
 * flush) can be made to fail, after which the device is dead until the crash.
 */
final class BlockReorderingDevice implements BlockDevice {
    private static final int B = 4096;
    private final BlockDevice backing;
    private final Map<Long, byte[]> pending = new HashMap<>();
    private long ios;
    private long failAt = Long.MAX_VALUE;
    private boolean dead;

    BlockReorderingDevice(BlockDevice backing) {
        this.backing = backing;
    }

    synchronized void failAfter(long n) {
        failAt = ios + n;
    }

    private void io() throws IOException {
        if (dead || ++ios >= failAt) {
            dead = true;
            throw new IOException("injected fault at I/O " + ios);
        }
    }

    @Override
    public long size() {
        return backing.size();
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        if (offset % B != 0 || dst.remaining() % B != 0) {
            throw new IllegalArgumentException("unaligned read " + offset + "+" + dst.remaining());
        }
        while (dst.hasRemaining()) {
            byte[] p = pending.get(offset / B);
            if (p != null) {
                dst.put(p);
            } else {
                ByteBuffer one = dst.duplicate();
                one.limit(one.position() + B);
                backing.read(offset, one);
                dst.position(dst.position() + B);
            }
            offset += B;
        }
    }

    @Override
    public synchronized void write(long offset, ByteBuffer src) throws IOException {
        checkRange(offset, src.remaining());
        if (offset % B != 0 || src.remaining() % B != 0) {
            throw new IllegalArgumentException("unaligned write " + offset + "+" + src.remaining());
        }
        io();
        while (src.hasRemaining()) {
            byte[] p = new byte[B];
            src.get(p);
            pending.put(offset / B, p);
            offset += B;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        io();
        for (Map.Entry<Long, byte[]> e : pending.entrySet()) {
            backing.write(e.getKey() * B, e.getValue());
        }
        pending.clear();
        backing.flush();
    }

    /** Power cut: each un-flushed block survives with probability 1/2; the device lives again. */
    synchronized void crash(Random random) throws IOException {
        List<Long> blocks = new ArrayList<>(pending.keySet());
        blocks.sort(null);
        for (long b : blocks) {
            if (random.nextBoolean()) {
                backing.write(b * B, pending.get(b));
            }
        }
        pending.clear();
        dead = false;
        failAt = Long.MAX_VALUE;
    }

    @Override
    public void close() throws IOException {
        backing.close();
    }
}
