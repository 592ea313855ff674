package org.jlvm.thin.model;

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
public final class ContentModel {
    public static final int SECTOR = 512;
    public final int blockBytes;
    private TreeMap<Long, Map<Long, byte[]>> cur = new TreeMap<>();
    private TreeMap<Long, Map<Long, byte[]>> flushed = new TreeMap<>();
    private final Map<Long, Map<Long, List<byte[]>>> since = new HashMap<>();

    public ContentModel(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    public List<Long> devices() {
        return new ArrayList<>(cur.keySet());
    }

    public List<Long> flushedDevices() {
        return new ArrayList<>(flushed.keySet());
    }

    public void create(long dev) {
        cur.put(dev, new HashMap<>());
    }

    public void snapshot(long dev, long origin) {
        cur.put(dev, new HashMap<>(cur.get(origin)));
    }

    public void delete(long dev) {
        cur.remove(dev);
    }

    private void record(long dev, long vb, byte[] b) {
        since.computeIfAbsent(dev, k -> new HashMap<>()).computeIfAbsent(vb, k -> new ArrayList<>()).add(b);
    }

    public void write(long dev, long offset, byte[] bytes) {
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
    public void zero(long dev, long offset, long length) {
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

    public void flush() {
        flushed = copy(cur);
        since.clear();
    }

    /** After a crash: back to the flushed state (versions written since stay acceptable until {@link #flush}). */
    public void rollback() {
        cur = copy(flushed);
    }

    /** After a crash: the device holds {@code actual} (an acceptable content) in this block. */
    public void adopt(long dev, long vb, byte[] actual) {
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

    public byte[] read(long dev, long offset, int length) {
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

    public long mappedBlocks() {
        long n = 0;
        for (Map<Long, byte[]> m : cur.values()) {
            n += m.size();
        }
        return n;
    }

    /** The block as of the last flush (zeroes when unmapped). */
    public byte[] flushedBlock(long dev, long vb) {
        byte[] b = flushed.get(dev).get(vb);
        return b == null ? new byte[blockBytes] : b;
    }

    /**
     * Whether {@code actual} may be what a crash left: each 512-byte sector holds its content at the last flush
     * or a content written to that sector of this device since.
     */
    public boolean sectorsAcceptable(long dev, long vb, byte[] actual) {
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


    /** Debugging: where else in the model this block content occurs. */
    public String whereIs(long dev, long vblock, byte[] actual) {
        StringBuilder sb = new StringBuilder();
        byte[] f = flushedBlock(dev, vblock);
        List<byte[]> vs = since.getOrDefault(dev, Map.of()).getOrDefault(vblock, List.of());
        byte[] last = vs.isEmpty() ? f : vs.get(vs.size() - 1);
        sb.append(" [versions ").append(vs.size()).append(", sectors like flushed/last/zero:");
        for (int s = 0; s < blockBytes / 512; s++) {
            byte[] a = Arrays.copyOfRange(actual, s * 512, s * 512 + 512);
            sb.append(' ').append(Arrays.equals(a, Arrays.copyOfRange(f, s * 512, s * 512 + 512)) ? 'F' : '-')
                    .append(Arrays.equals(a, Arrays.copyOfRange(last, s * 512, s * 512 + 512)) ? 'L' : '-')
                    .append(Arrays.equals(a, new byte[512]) ? 'Z' : '-');
        }
        sb.append(']');
        cur.forEach((d, m) -> m.forEach((vb, b) -> {
            if (Arrays.equals(b, actual)) {
                sb.append(" cur ").append(d).append(':').append(vb);
            }
        }));
        flushed.forEach((d, m) -> m.forEach((vb, b) -> {
            if (Arrays.equals(b, actual)) {
                sb.append(" flushed ").append(d).append(':').append(vb);
            }
        }));
        since.forEach((d, m) -> m.forEach((vb, l) -> {
            for (int i = 0; i < l.size(); i++) {
                if (Arrays.equals(l.get(i), actual)) {
                    sb.append(" since ").append(d).append(':').append(vb).append('#').append(i);
                }
            }
        }));
        return sb.toString();
    }


    /** Whether {@code actual} is the flushed block or one of the versions written since (whole-block check). */
    public boolean acceptable(long dev, long vb, byte[] actual) {
        if (Arrays.equals(actual, flushedBlock(dev, vb))) {
            return true;
        }
        List<byte[]> vs = since.getOrDefault(dev, Map.of()).getOrDefault(vb, List.of());
        for (byte[] v : vs) {
            if (Arrays.equals(v, actual)) {
                return true;
            }
        }
        return false;
    }

    public static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
