package org.jlvm.tools.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jlvm.tools.ir.Cancellation;

/**
 * Packs the given blocks of an image: chunks of up to 1024 blocks are read, encoded and compressed by
 * {@code threads} workers and appended in block order by the calling thread. At most two chunks per worker are
 * in flight, so memory does not grow with the image.
 */
final class Packer {
    private final int threads;

    Packer(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** Totals over the chunks written. */
    record Totals(long blocks, long badChecksums, long bytes) {
    }

    Totals pack(Path input, long nrBlocks, BitSet blocks, Path output) throws IOException, InterruptedException {
        Cancellation cancellation = Cancellation.current(); // checked before each chunk is handed out
        List<ChunkPacker> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "thin_metadata_pack");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            BlockingQueue<ChunkPacker> idle = new ArrayBlockingQueue<>(threads);
            for (int i = 0; i < threads; i++) {
                ChunkPacker p = new ChunkPacker(in);
                all.add(p);
                idle.add(p);
            }
            writeAll(out, ByteBuffer.wrap(PackFormat.header(nrBlocks)));
            long[] totals = new long[3];
            totals[2] = PackFormat.HEADER_SIZE;
            ArrayDeque<Future<ChunkPacker.Packed>> inFlight = new ArrayDeque<>();
            long[] batch = new long[PackFormat.ENTRIES_PER_CHUNK];
            int n = 0;
            for (int b = blocks.nextSetBit(0); b >= 0 && b < nrBlocks; b = blocks.nextSetBit(b + 1)) {
                batch[n++] = b;
                if (n == batch.length) {
                    cancellation.check();
                    submit(pool, idle, inFlight, batch.clone(), n, out, totals);
                    n = 0;
                }
            }
            if (n > 0) {
                submit(pool, idle, inFlight, batch.clone(), n, out, totals);
            }
            while (!inFlight.isEmpty()) {
                write(inFlight.poll(), out, totals);
            }
            out.force(true);
            return new Totals(totals[0], totals[1], totals[2]);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            for (ChunkPacker p : all) {
                p.close();
            }
        }
    }

    private void submit(ExecutorService pool, BlockingQueue<ChunkPacker> idle,
                        ArrayDeque<Future<ChunkPacker.Packed>> inFlight, long[] chunk, int n, FileChannel out,
                        long[] totals) throws IOException, InterruptedException {
        while (inFlight.size() >= 2 * threads) {
            write(inFlight.poll(), out, totals);
        }
        inFlight.add(pool.submit(() -> {
            ChunkPacker p = idle.take();
            try {
                return p.pack(chunk, n);
            } finally {
                idle.add(p);
            }
        }));
    }

    private static void write(Future<ChunkPacker.Packed> f, FileChannel out, long[] totals)
            throws IOException, InterruptedException {
        ChunkPacker.Packed p;
        try {
            p = f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(c), c);
        }
        writeAll(out, ByteBuffer.wrap(p.bytes()));
        totals[0] += p.blocks();
        totals[1] += p.badChecksums();
        totals[2] += p.bytes().length;
    }

    private static void writeAll(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
