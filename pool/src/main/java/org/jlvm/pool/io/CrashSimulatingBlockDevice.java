package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Models a disk with a volatile write cache in front of a backing device. Writes land in the cache (visible
 * to reads at once) and reach the backing device only on {@link #flush()}. {@link #crash} plays a power cut:
 * everything not flushed is dropped, or (in {@link CrashMode#SUBSET}) each 512-byte sector written since the
 * last flush independently keeps its new content or loses it, as on real disks (this also tears multi-sector
 * writes).
 *
 * <p>Used by the stress drivers and crash tests. Thread-safe (one lock); memory grows with the bytes written
 * between flushes.
 */
public final class CrashSimulatingBlockDevice implements BlockDevice {
    /** What survives a simulated power cut. */
    public enum CrashMode {
        /** Nothing written since the last completed flush survives. */
        DROP_ALL,
        /** A random subset of the sectors written since the last completed flush survives. */
        SUBSET
    }

    private static final int SECTOR = 512;
    private final BlockDevice backing;
    private final Map<Long, byte[]> dirtySectors = new HashMap<>();

    public CrashSimulatingBlockDevice(BlockDevice backing) {
        this.backing = backing;
    }

    @Override
    public long size() {
        return backing.size();
    }

    @Override
    public synchronized void read(long offset, ByteBuffer dst) throws IOException {
        checkRange(offset, dst.remaining());
        int start = dst.position();
        int len = dst.remaining();
        backing.read(offset, dst.duplicate());
        if (!dirtySectors.isEmpty()) {
            long first = offset / SECTOR;
            long last = (offset + len - 1) / SECTOR;
            for (long s = first; s <= last && len > 0; s++) {
                byte[] sec = dirtySectors.get(s);
                if (sec == null) {
                    continue;
                }
                long secStart = s * SECTOR;
                long from = Math.max(secStart, offset);
                long to = Math.min(secStart + SECTOR, offset + len);
                for (long p = from; p < to; p++) {
                    dst.put(start + (int) (p - offset), sec[(int) (p - secStart)]);
                }
            }
        }
        dst.position(start + len);
    }

    @Override
    public synchronized void write(long offset, ByteBuffer src) throws IOException {
        checkRange(offset, src.remaining());
        int len = src.remaining();
        int start = src.position();
        long first = offset / SECTOR;
        long last = len == 0 ? first - 1 : (offset + len - 1) / SECTOR;
        for (long s = first; s <= last; s++) {
            long secStart = s * SECTOR;
            byte[] sec = dirtySectors.get(s);
            if (sec == null) {
                sec = new byte[SECTOR];
                if (offset > secStart || offset + len < secStart + SECTOR) {
                    long avail = Math.min(SECTOR, backing.size() - secStart);
                    backing.read(secStart, ByteBuffer.wrap(sec, 0, (int) avail));
                }
                dirtySectors.put(s, sec);
            }
            long from = Math.max(secStart, offset);
            long to = Math.min(secStart + SECTOR, offset + len);
            for (long p = from; p < to; p++) {
                sec[(int) (p - secStart)] = src.get(start + (int) (p - offset));
            }
        }
        src.position(start + len);
    }

    @Override
    public synchronized void flush() throws IOException {
        writeBack(null);
        backing.flush();
    }

    @Override
    public synchronized void writeZeroes(long offset, long length) throws IOException {
        BlockDevice.super.writeZeroes(offset, length);
    }

    /** Number of bytes written since the last flush (sector granularity). */
    public synchronized long unflushedBytes() {
        return (long) dirtySectors.size() * SECTOR;
    }

    /**
     * Simulates a power cut: un-flushed sectors are dropped (all of them, or a random subset with
     * {@link CrashMode#SUBSET}), and the device goes on as after a reboot.
     *
     * @return how many dirty sectors survived
     */
    public synchronized int crash(CrashMode mode, Random random) throws IOException {
        int kept = 0;
        if (mode == CrashMode.SUBSET) {
            kept = writeBack(random);
            backing.flush();
        }
        dirtySectors.clear();
        return kept;
    }

    private int writeBack(Random keepSome) throws IOException {
        List<Long> sectors = new ArrayList<>(dirtySectors.keySet());
        sectors.sort(null);
        int written = 0;
        for (long s : sectors) {
            if (keepSome != null && !keepSome.nextBoolean()) {
                continue;
            }
            long secStart = s * SECTOR;
            int n = (int) Math.min(SECTOR, backing.size() - secStart);
            backing.write(secStart, ByteBuffer.wrap(dirtySectors.get(s), 0, n));
            written++;
        }
        dirtySectors.clear();
        return written;
    }

    @Override
    public void close() throws IOException {
        backing.close();
    }
}
