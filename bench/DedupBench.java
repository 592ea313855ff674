// Dedup layer benchmark (run by dedup-bench.sh with the jlvm jar on the class path; single-file program).
// Builds a corpus from /usr files (each zero-padded to 4 KiB, like a file-system image), writes it through
// a DedupDevice in-process on one thread and reports space saving against the offline bound, throughput
// for corpus / all-duplicate / all-zero / incompressible data, index RAM and hit rate, discard speed.

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jlvm.dedup.DedupDevice;
import org.jlvm.dedup.DedupOptions;
import org.jlvm.dedup.DedupStatistics;
import org.jlvm.dedup.compress.Codec;
import org.jlvm.dedup.compress.Lz4Codec;
import org.jlvm.dedup.index.Fingerprint;
import org.jlvm.pool.io.FileBlockDevice;

public class DedupBench {
    static final int B = 4096;

    public static void main(String[] args) throws Exception {
        long size = args.length > 0 ? Long.parseLong(args[0]) : 256L << 20;
        Path work = Path.of(args.length > 1 ? args[1] : "/tmp/jlvm-dedup-bench");
        String source = args.length > 2 ? args[2] : "/usr";
        Files.createDirectories(work);
        Path corpus = work.resolve("corpus-" + (size >> 20) + "M.img");
        if (!Files.exists(corpus) || Files.size(corpus) != size) {
            buildCorpus(Path.of(source), corpus, size);
        }
        System.out.printf("corpus: %s, %d MiB from %s (files zero-padded to 4 KiB)%n", corpus, size >> 20, source);
        bound(corpus);
        Path backing = work.resolve("backing.img");
        corpusRun(corpus, backing, size);
        synthetic(backing, "all-duplicate", 128L << 20, (i, b, r) -> { });
        synthetic(backing, "all-zero", 512L << 20, (i, b, r) -> java.util.Arrays.fill(b, (byte) 0));
        synthetic(backing, "incompressible", 128L << 20, (i, b, r) -> r.nextBytes(b));
        Files.deleteIfExists(backing);
    }

    static void buildCorpus(Path root, Path out, long size) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> Files.isRegularFile(p) && Files.isReadable(p)).sorted().collect(Collectors.toList());
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long pos = 0;
            for (Path f : files) {
                if (pos >= size) {
                    break;
                }
                byte[] data;
                try {
                    if (Files.size(f) == 0 || Files.size(f) > (64 << 20)) {
                        continue;
                    }
                    data = Files.readAllBytes(f);
                } catch (IOException e) {
                    continue;
                }
                int padded = (data.length + B - 1) / B * B;
                ByteBuffer b = ByteBuffer.allocate(padded);
                b.put(data).clear();
                b.limit((int) Math.min(padded, size - pos));
                while (b.hasRemaining()) {
                    pos += ch.write(b, pos);
                }
            }
            if (pos < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        }
    }

    /** Offline bound: every unique non-zero block LZ4-compressed alone (or raw if that saves nothing), packed perfectly. */
    static void bound(Path corpus) throws IOException {
        Codec codec = Lz4Codec.fastest();
        byte[] buf = new byte[codec.maxCompressedLength()];
        byte[] block = new byte[B];
        Set<Fingerprint> seen = new HashSet<>();
        long blocks = 0;
        long zero = 0;
        long unique = 0;
        long bytes = 0;
        long histogram[] = new long[5];
        try (FileChannel ch = FileChannel.open(corpus)) {
            long size = ch.size();
            for (long pos = 0; pos < size; pos += B) {
                ByteBuffer bb = ByteBuffer.wrap(block);
                while (bb.hasRemaining() && ch.read(bb, pos + bb.position()) > 0) {
                }
                blocks++;
                if (java.util.Arrays.equals(block, new byte[B])) {
                    zero++;
                    continue;
                }
                if (!seen.add(Fingerprint.of(block, 0, B))) {
                    continue;
                }
                unique++;
                int n = Math.min(B, codec.compress(block, buf));
                histogram[Math.min(4, n / 1024)]++;
                bytes += n;
            }
        }
        long physical = (bytes + B - 1) / B;
        System.out.printf("offline bound: %d blocks, %d zero, %d unique non-zero; compressed to %d blocks: "
                + "logical:physical %.3f%n", blocks, zero, unique, physical, (double) blocks / physical);
        System.out.printf("  unique fragment sizes: <1K %d, 1-2K %d, 2-3K %d, 3-4K %d, raw %d%n",
                histogram[0], histogram[1], histogram[2], histogram[3], histogram[4]);
        boundRatio = (double) blocks / physical;
    }

    static double boundRatio;

    static void corpusRun(Path corpus, Path backing, long size) throws IOException {
        Files.deleteIfExists(backing);
        long physical = size + (64L << 20);
        try (FileBlockDevice file = FileBlockDevice.create(backing, physical);
             DedupDevice dev = DedupDevice.format(file, DedupOptions.ofLogicalSize(size));
             FileChannel in = FileChannel.open(corpus)) {
            ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
            byte[] all = new byte[(int) Math.min(size, 1L << 30)];
            // Load the corpus first so that only the layer is timed.
            ByteBuffer a = ByteBuffer.wrap(all);
            while (a.hasRemaining() && in.read(a, a.position()) > 0) {
            }
            warmUp(all);
            ramRun(all, size, "first run");
            ramRun(all, size, "second run");
            long t0 = System.nanoTime();
            for (long pos = 0; pos < size; pos += chunk.capacity()) {
                int n = (int) Math.min(chunk.capacity(), size - pos);
                dev.write(pos, ByteBuffer.wrap(all, (int) pos, n));
            }
            double wsecs = (System.nanoTime() - t0) / 1e9;
            dev.flush();
            double secs = (System.nanoTime() - t0) / 1e9;
            DedupStatistics s = dev.statistics();
            double ratio = (double) s.logicalBlocksUsed() / s.dataBlocksUsed();
            System.out.printf("corpus write: %.0f MB/s acknowledged, %.0f MB/s including the final flush (fsync) "
                    + "(one thread, dedup + LZ4, file backing)%n", size / 1e6 / wsecs, size / 1e6 / secs);
            System.out.printf("corpus space: logical used %d, data blocks used %d, saving %d%%, "
                    + "logical:physical %.3f = %.1f%% of the offline bound%n", s.logicalBlocksUsed(), s.dataBlocksUsed(),
                    s.savingPercent(), ratio, 100 * ratio / boundRatio);
            System.out.printf("  fragments %d in %d packed blocks, raw %d, zero %d, dedupe hits %d, "
                    + "index %d entries x %d B, hits %d misses %d (hit rate %.1f%%), write amplification %.2f%n",
                    s.compressedFragmentsWritten(), s.compressedBlocksWritten(), s.rawBlocksWritten(),
                    s.zeroBlocksWritten(), s.dedupeAdviceValid(), s.indexEntries(), s.indexBytesPerEntry(),
                    s.indexHits(), s.indexMisses(), 100.0 * s.indexHits() / Math.max(1, s.indexHits() + s.indexMisses()),
                    s.writeAmplification());
            long r0 = System.nanoTime();
            byte[] back = new byte[chunk.capacity()];
            for (long pos = 0; pos < size; pos += back.length) {
                int n = (int) Math.min(back.length, size - pos);
                dev.read(pos, ByteBuffer.wrap(back, 0, n));
                if (!java.util.Arrays.equals(back, 0, n, all, (int) pos, (int) pos + n)) {
                    throw new IllegalStateException("read-back mismatch at " + pos);
                }
            }
            System.out.printf("corpus read-back: %.0f MB/s, identical%n", size / 1e6 / ((System.nanoTime() - r0) / 1e9));
            long d0 = System.nanoTime();
            dev.discard(0, size);
            dev.flush();
            double dsecs = (System.nanoTime() - d0) / 1e9;
            System.out.printf("discard of %d MiB logical: %.3f s = %.1f GB/s (incl. commit); data blocks used after: %d%n",
                    size >> 20, dsecs, size / 1e9 / dsecs, dev.statistics().dataBlocksUsed());
        }
    }

    /** Runs the write path on a scratch in-memory-sized file device so that the JIT has compiled it. */
    static void warmUp(byte[] all) throws IOException {
        Path scratch = Files.createTempFile("dedup-warmup", ".img");
        long n = Math.min(all.length, 32L << 20);
        try (FileBlockDevice file = FileBlockDevice.create(scratch, n + (16L << 20));
             DedupDevice dev = DedupDevice.format(file, DedupOptions.ofLogicalSize(n))) {
            dev.write(0, ByteBuffer.wrap(all, 0, (int) n));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** A RAM-backed device, to time the layer without the file system. */
    static final class RamDevice implements org.jlvm.pool.io.BlockDevice {
        private final byte[][] pages;
        private final long size;

        RamDevice(long size) {
            this.size = size;
            this.pages = new byte[(int) ((size + B - 1) / B)][];
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public synchronized void read(long offset, ByteBuffer dst) {
            while (dst.hasRemaining()) {
                int p = (int) (offset / B);
                int in = (int) (offset % B);
                int n = Math.min(B - in, dst.remaining());
                if (pages[p] == null) {
                    dst.put(new byte[n]);
                } else {
                    dst.put(pages[p], in, n);
                }
                offset += n;
            }
        }

        @Override
        public synchronized void write(long offset, ByteBuffer src) {
            while (src.hasRemaining()) {
                int p = (int) (offset / B);
                int in = (int) (offset % B);
                int n = Math.min(B - in, src.remaining());
                if (pages[p] == null) {
                    pages[p] = new byte[B];
                }
                src.get(pages[p], in, n);
                offset += n;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    static void ramRun(byte[] all, long size, String which) throws IOException {
        try (DedupDevice dev = DedupDevice.format(new RamDevice(size + (64L << 20)), DedupOptions.ofLogicalSize(size))) {
            long t0 = System.nanoTime();
            for (long pos = 0; pos < size; pos += 1 << 20) {
                int n = (int) Math.min(1 << 20, size - pos);
                dev.write(pos, ByteBuffer.wrap(all, (int) pos, n));
            }
            dev.flush();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("corpus write, RAM backing (layer CPU only, %s): %.0f MB/s%n", which, size / 1e6 / secs);
        }
    }

    interface Filler {
        void fill(long i, byte[] block, Random r);
    }

    static void synthetic(Path backing, String name, long size, Filler f) throws IOException {
        Files.deleteIfExists(backing);
        Random r = new Random(1);
        try (FileBlockDevice file = FileBlockDevice.create(backing, size + (64L << 20));
             DedupDevice dev = DedupDevice.format(file, DedupOptions.ofLogicalSize(size))) {
            byte[] chunk = new byte[1 << 20];
            byte[] block = new byte[B];
            r.nextBytes(block);
            long t0 = System.nanoTime();
            for (long pos = 0; pos < size; pos += chunk.length) {
                for (int i = 0; i < chunk.length; i += B) {
                    f.fill(pos / B + i / B, block, r);
                    System.arraycopy(block, 0, chunk, i, B);
                }
                dev.write(pos, ByteBuffer.wrap(chunk));
            }
            dev.flush();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%s write: %.0f MB/s (%d MiB; data blocks used %d)%n", name, size / 1e6 / secs,
                    size >> 20, dev.statistics().dataBlocksUsed());
        }
    }
}
