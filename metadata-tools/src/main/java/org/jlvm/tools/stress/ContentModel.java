package org.jlvm.tools.stress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every thin device should contain, block by block (absent = zeroes): now, as of the last flush, and every
 * version each block had since that flush (for crashes that keep a subset of the un-flushed sectors). Stored
 * block arrays are never modified, so snapshots share them.
 */
final class ContentModel {
    static final int SECTOR = 512;
    final int blockBytes;
    private TreeMap<Long, Map<Long, byte[]>> cur = new TreeMap<>();
    private TreeMap<Long, Map<Long, byte[]>> flushed = new TreeMap<>();
    private final Map<Long, Map<Long, List<byte[]>>> since = new HashMap<>();

    ContentModel(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    List<Long> devices() {
        return new ArrayList<>(cur.keySet());
    }

    void create(long dev) {
        cur.put(dev, new HashMap<>());
    }

    void snapshot(long dev, long origin) {
        cur.put(dev, new HashMap<>(cur.get(origin)));
    }

    void delete(long dev) {
        cur.remove(dev);
    }

    private void record(long dev, long vb, byte[] b) {
        since.computeIfAbsent(dev, k -> new HashMap<>()).computeIfAbsent(vb, k -> new ArrayList<>()).add(b);
    }

    void write(long dev, long offset, byte[] bytes) {
        Map<Long, byte[]> m = cur.get(dev);
        long pos = offset;
        int done = 0;
        while (done < bytes.length) {
            long vb = pos / blockBytes;
            int in = (int) (pos % blockBytes);
            int n = Math.min(blockBytes - in, bytes.length - done);
            byte[] old = m.get(vb);
            byte[] b = old == null ? new byte[blockBytes] : old.clone();
            System.arraycopy(bytes, done, b, in, n);
            m.put(vb, b);
            record(dev, vb, b);
            pos += n;
            done += n;
        }
    }

    /** Discard or write-zeroes: whole blocks unmapped, mapped parts of partial blocks zeroed. */
    void zero(long dev, long offset, long length) {
        Map<Long, byte[]> m = cur.get(dev);
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            long vb = pos / blockBytes;
            int in = (int) (pos % blockBytes);
            int n = (int) Math.min(blockBytes - in, end - pos);
            byte[] old = m.get(vb);
            if (old != null) {
                byte[] b;
                if (n == blockBytes) {
                    m.remove(vb);
                    b = new byte[blockBytes];
                } else {
                    b = old.clone();
                    Arrays.fill(b, in, in + n, (byte) 0);
                    m.put(vb, b);
                }
                record(dev, vb, b);
            }
            pos += n;
        }
    }

    void flush() {
        flushed = copy(cur);
        since.clear();
    }

    /** After a crash: back to the flushed state (versions written since stay acceptable until {@link #flush}). */
    void rollback() {
        cur = copy(flushed);
    }

    /** After a crash: the device holds {@code actual} (an acceptable content) in this block. */
    void adopt(long dev, long vb, byte[] actual) {
        Map<Long, byte[]> m = cur.get(dev);
        if (m.get(vb) == null && allZero(actual)) {
            return;
        }
        m.put(vb, actual);
    }

    private static TreeMap<Long, Map<Long, byte[]>> copy(TreeMap<Long, Map<Long, byte[]>> m) {
        TreeMap<Long, Map<Long, byte[]>> c = new TreeMap<>();
        m.forEach((k, v) -> c.put(k, new HashMap<>(v)));
        return c;
    }

    byte[] read(long dev, long offset, int length) {
        byte[] out = new byte[length];
        Map<Long, byte[]> m = cur.get(dev);
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long vb = pos / blockBytes;
            int in = (int) (pos % blockBytes);
            int n = Math.min(blockBytes - in, length - done);
            byte[] b = m.get(vb);
            if (b != null) {
                System.arraycopy(b, in, out, done, n);
            }
            done += n;
        }
        return out;
    }

    long mappedBlocks() {
        long n = 0;
        for (Map<Long, byte[]> m : cur.values()) {
            n += m.size();
        }
        return n;
    }

    /** The block as of the last flush (zeroes when unmapped). */
    byte[] flushedBlock(long dev, long vb) {
        byte[] b = flushed.get(dev).get(vb);
        return b == null ? new byte[blockBytes] : b;
    }

    /**
     * Whether {@code actual} may be what a crash left: each 512-byte sector holds its content at the last flush
     * or a content written to that sector of this device since.
     */
    boolean sectorsAcceptable(long dev, long vb, byte[] actual) {
        byte[] f = flushedBlock(dev, vb);
        List<byte[]> vs = since.getOrDefault(dev, Map.of()).getOrDefault(vb, List.of());
        for (int s = 0; s < blockBytes; s += SECTOR) {
            if (Arrays.equals(actual, s, s + SECTOR, f, s, s + SECTOR)) {
                continue;
            }
            boolean ok = false;
            for (byte[] v : vs) {
                if (Arrays.equals(actual, s, s + SECTOR, v, s, s + SECTOR)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
