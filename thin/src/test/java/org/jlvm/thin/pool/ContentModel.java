package org.jlvm.thin.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What every thin device should contain, block by block (absent = zeroes), now and as of the last flush, plus
 * every version each block had since that flush. Block arrays are never modified once stored.
 */
final class ContentModel {
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

    List<Long> flushedDevices() {
        return new ArrayList<>(flushed.keySet());
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
            since.computeIfAbsent(dev, k -> new HashMap<>()).computeIfAbsent(vb, k -> new ArrayList<>()).add(b);
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
                since.computeIfAbsent(dev, k -> new HashMap<>()).computeIfAbsent(vb, k -> new ArrayList<>()).add(b);
            }
            pos += n;
        }
    }

    void flush() {
        flushed = copy(cur);
        since.clear();
    }

    /** After a crash: the flushed state is the truth (versions written since stay acceptable until {@link #flush}). */
    void rollback() {
        cur = copy(flushed);
    }

    /** After a crash: the device kept {@code actual} (an acceptable version) for this block. */
    void adopt(long dev, long vb, byte[] actual) {
        boolean zero = true;
        for (byte x : actual) {
            if (x != 0) {
                zero = false;
                break;
            }
        }
        if (zero && cur.get(dev).get(vb) == null) {
            return;
        }
        cur.get(dev).put(vb, actual);
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

    /** The block as of the last flush (zeroes when unmapped). */
    byte[] flushedBlock(long dev, long vb) {
        byte[] b = flushed.get(dev).get(vb);
        return b == null ? new byte[blockBytes] : b;
    }

    /** Debugging: where else in the model this block content occurs. */
    String whereIs(long dev, long vblock, byte[] actual) {
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
    boolean acceptable(long dev, long vb, byte[] actual) {
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
}
