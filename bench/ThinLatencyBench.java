import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;

/**
 * Latency of 4 KiB writes and reads through a thin volume across periodic commits (bench/thin-latency-bench.sh).
 * Uses only API present since the pool engine landed, so the same file runs against an older jar.
 * Args: DIR SECONDS COMMIT_MS. Writer threads write 4 KiB at random offsets of a 4 GiB volume (first writes
 * provision 64 KiB blocks, later ones overwrite); reader threads read 4 KiB at offsets written before the run;
 * the pool commits every COMMIT_MS (data fdatasync, metadata write and fdatasync twice). Prints name=value lines.
 */
public final class ThinLatencyBench {
    static final int IO = 4096;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        long commitMs = Long.parseLong(args[2]);
        int sectors = 128;
        long blockBytes = sectors * 512L;
        long volBytes = 4L << 30;
        Path mp = dir.resolve("lat-meta.bin");
        Path dp = dir.resolve("lat-data.bin");
        Files.deleteIfExists(mp);
        Files.deleteIfExists(dp);
        ThinPoolConfig cfg = ThinPoolConfig.defaults().withCommitInterval(Duration.ofMillis(commitMs));
        try (FileBlockDevice meta = FileBlockDevice.create(mp, 256L << 20);
             FileBlockDevice data = FileBlockDevice.create(dp, volBytes);
             ThinPool pool = ThinPool.format(meta, data, sectors, cfg)) {
            pool.createThin(1);
            ThinVolume v = pool.volume(1, volBytes);
            // Pre-fill 1/32 of the volume (128 MiB) for the readers.
            long readable = volBytes / 32;
            byte[] fill = new byte[1 << 20];
            ThreadLocalRandom.current().nextBytes(fill);
            for (long off = 0; off < readable; off += fill.length) {
                v.write(off, ByteBuffer.wrap(fill));
            }
            v.flush();
            long commits0 = pool.commitCount();
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> writeLat = new ArrayList<>();
            List<long[]> readLat = new ArrayList<>();
            List<int[]> counts = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean writer = t < 2;
                long[] lat = new long[4_000_000];
                int[] n = new int[1];
                (writer ? writeLat : readLat).add(lat);
                counts.add(n);
                Thread th = new Thread(() -> {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    ByteBuffer buf = ByteBuffer.allocate(IO);
                    r.nextBytes(buf.array());
                    try {
                        while (!stop.get() && n[0] < lat.length) {
                            buf.clear();
                            long t0 = System.nanoTime();
                            if (writer) {
                                v.write((long) r.nextInt((int) (volBytes / IO)) * IO, buf);
                            } else {
                                v.read((long) r.nextInt((int) (readable / IO)) * IO, buf);
                            }
                            lat[n[0]++] = System.nanoTime() - t0;
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                });
                threads.add(th);
            }
            long start = System.nanoTime();
            threads.forEach(Thread::start);
            Thread.sleep((long) (seconds * 1000));
            stop.set(true);
            for (Thread th : threads) {
                th.join();
            }
            double secs = (System.nanoTime() - start) / 1e9;
            long commits = pool.commitCount() - commits0;
            report("write", writeLat, counts.subList(0, 2), secs);
            report("read", readLat, counts.subList(2, 4), secs);
            System.out.println("commits=" + commits);
        }
        Files.deleteIfExists(mp);
        Files.deleteIfExists(dp);
    }

    static void report(String what, List<long[]> lats, List<int[]> ns, double secs) {
        int total = 0;
        for (int[] n : ns) {
            total += n[0];
        }
        long[] all = new long[total];
        int k = 0;
        for (int i = 0; i < lats.size(); i++) {
            System.arraycopy(lats.get(i), 0, all, k, ns.get(i)[0]);
            k += ns.get(i)[0];
        }
        Arrays.sort(all);
        System.out.printf("%s_ops_per_s=%.0f%n", what, total / secs);
        System.out.printf("%s_p50_us=%.1f%n", what, pct(all, 0.50) / 1e3);
        System.out.printf("%s_p99_us=%.1f%n", what, pct(all, 0.99) / 1e3);
        System.out.printf("%s_p999_us=%.1f%n", what, pct(all, 0.999) / 1e3);
        System.out.printf("%s_max_us=%.1f%n", what, all.length == 0 ? 0 : all[all.length - 1] / 1e3);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }
}
