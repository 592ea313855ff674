package org.jlvm.pool.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jlvm.pool.util.RangeSet;

/**
 * Models a disk with a volatile write cache in front of a backing device. Writes land in the cache (visible
 * to reads at once) and reach the backing device only on {@link #flush()}. {@link #crash} plays a power cut:
 * everything not flushed is dropped, or (in {@link CrashMode#SUBSET}) each 512-byte sector written since the
 * last flush independently keeps its new content or loses it, as on real disks (this also tears multi-sector
 * writes).
 *
 * <p>Discards zero their range ({@link #discardZeroes()}), volatile like writes: kept as sector runs until a flush
 * applies them to the backing device (a discard there when it zeroes and the run is large, else zeroes written);
 * a crash drops them, or in {@link CrashMode#SUBSET} keeps each run or not.
 *
 * <p>Used by the stress drivers and crash tests. Thread-safe (one lock); memory grows with the bytes written
 * between flushes (and the number of discarded runs).
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
    /** Applied with a discard on the backing device from this size up, when its discards zero. */
    private static final long BACKING_DISCARD_BYTES = 1 << 20;
    private final BlockDevice backing;
    private final Map<Long, byte[]> dirtySectors = new HashMap<>();
    /** Sectors discarded since the last flush and not written since: they read as zeroes. */
    private final RangeSet discarded = new RangeSet();

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
        discarded.forEachIn(offset / SECTOR, (offset + len + SECTOR - 1) / SECTOR, (s, e) -> {
            long from = Math.max(s * SECTOR, offset);
            long to = Math.min(e * SECTOR, offset + len);
            for (long p = from; p < to; p++) {
                dst.put(start + (int) (p - offset), (byte) 0);
            }
        });
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
                if ((offset > secStart || offset + len < secStart + SECTOR) && !discarded.contains(s)) {
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

    /** Zeroes the range: partial sectors are written, whole ones join the discarded runs. */
    @Override
    public synchronized void discard(long offset, long length) throws IOException {
        checkRange(offset, length);
        long end = offset + length;
        long firstWhole = (offset + SECTOR - 1) / SECTOR;
        long endWhole = end / SECTOR;
        if (firstWhole >= endWhole) {
            write(offset, ByteBuffer.allocate((int) length));
            return;
        }
        if (offset < firstWhole * SECTOR) {
            write(offset, ByteBuffer.allocate((int) (firstWhole * SECTOR - offset)));
        }
        if (end > endWhole * SECTOR) {
            write(endWhole * SECTOR, ByteBuffer.allocate((int) (end - endWhole * SECTOR)));
        }
        if (endWhole - firstWhole > dirtySectors.size()) {
            dirtySectors.keySet().removeIf(s -> s >= firstWhole && s < endWhole);
        } else {
            for (long s = firstWhole; s < endWhole; s++) {
                dirtySectors.remove(s);
            }
        }
        discarded.add(firstWhole, endWhole);
    }

    @Override
    public synchronized void writeZeroes(long offset, long length) throws IOException {
        discard(offset, length);
    }

    @Override
    public boolean discardZeroes() {
        return true;
    }

    /** Number of bytes written since the last flush (sector granularity; discards not counted). */
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
        discarded.clear();
        return kept;
    }

    private int writeBack(Random keepSome) throws IOException {
        discarded.forEach((s, e) -> {
            if (keepSome == null || keepSome.nextBoolean()) {
                zeroBacking(s * SECTOR, Math.min(e * SECTOR, backing.size()));
            }
        });
        discarded.clear();
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

    private void zeroBacking(long from, long to) throws IOException {
        if (to - from >= BACKING_DISCARD_BYTES && backing.discardZeroes()) {
            backing.discard(from, to - from);
        } else {
            backing.writeZeroes(from, to - from);
        }
    }

    @Override
    public void close() throws IOException {
        backing.close();
    }
}
