package org.jlvm.tools.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jlvm.tools.ir.ToolException;

/**
 * Unpacks a pack file: the calling thread reads the header and then one chunk at a time, {@code threads} workers
 * decode chunks and write their blocks. At most two chunks per worker are in flight. The output is truncated and
 * sized to the packed image (its last block written as zeroes first), so blocks not in the pack read as zeroes.
 */
final class Unpacker {
    private final int threads;

    Unpacker(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** Returns the number of blocks written. */
    long unpack(Path input, Path output) throws ToolException, IOException, InterruptedException {
        String name = input.toString();
        try (FileChannel in = FileChannel.open(input, StandardOpenOption.READ)) {
            long size = in.size();
            byte[] h = new byte[PackFormat.HEADER_SIZE];
            int got = readUpTo(in, h, 0);
            long nrBlocks = PackFormat.nrBlocks(h, got, name);
            List<ChunkUnpacker> all = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "thin_metadata_unpack");
                t.setDaemon(true);
                return t;
            });
            try (FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                if (nrBlocks > 0) {
                    ByteBuffer zero = ByteBuffer.allocate(PackFormat.BLOCK_SIZE);
                    while (zero.hasRemaining()) {
                        out.write(zero, (nrBlocks - 1) * PackFormat.BLOCK_SIZE + zero.position());
                    }
                }
                BlockingQueue<ChunkUnpacker> idle = new ArrayBlockingQueue<>(threads);
                for (int i = 0; i < threads; i++) {
                    ChunkUnpacker u = new ChunkUnpacker(out, nrBlocks);
                    all.add(u);
                    idle.add(u);
                }
                ArrayDeque<Future<Integer>> inFlight = new ArrayDeque<>();
                ArrayDeque<Long> offsets = new ArrayDeque<>();
                long blocks = 0;
                long pos = PackFormat.HEADER_SIZE;
                byte[] lenBytes = new byte[8];
                while (true) {
                    int n = readUpTo(in, lenBytes, pos);
                    if (n == 0) {
                        break;
                    }
                    if (n < 8) {
                        throw new ToolException("Truncated pack file: " + name + " ends inside a chunk length at byte "
                                + pos);
                    }
                    long len = ByteBuffer.wrap(lenBytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
                    if (len <= 0 || len > PackFormat.MAX_CHUNK) {
                        throw new ToolException("Corrupt pack file: " + name + ": bad chunk length "
                                + Long.toUnsignedString(len) + " at byte " + pos);
                    }
                    if (len > size - pos - 8) {
                        throw new ToolException("Truncated pack file: " + name + ": the chunk at byte " + pos
                                + " needs " + len + " bytes, " + Math.max(0, size - pos - 8) + " remain");
                    }
                    byte[] data = new byte[(int) len];
                    if (readUpTo(in, data, pos + 8) != len) {
                        throw new ToolException("Truncated pack file: " + name + ": the chunk at byte " + pos
                                + " is cut short");
                    }
                    while (inFlight.size() >= 2 * threads) {
                        blocks += finish(inFlight.poll(), offsets.poll(), name);
                    }
                    offsets.add(pos);
                    inFlight.add(pool.submit(() -> {
                        ChunkUnpacker u = idle.take();
                        try {
                            return u.unpack(data);
                        } finally {
                            idle.add(u);
                        }
                    }));
                    pos += 8 + len;
                }
                while (!inFlight.isEmpty()) {
                    blocks += finish(inFlight.poll(), offsets.poll(), name);
                }
                out.force(true);
                return blocks;
            } finally {
                pool.shutdownNow();
                for (ChunkUnpacker u : all) {
                    u.close();
                }
            }
        }
    }

    private static int finish(Future<Integer> f, long offset, String name)
            throws ToolException, IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CorruptPack cp) {
                throw new ToolException("Corrupt pack file: " + name + ": chunk at byte " + offset + ": "
                        + cp.getMessage());
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(c), c);
        }
    }

    /** Reads into {@code d} from {@code pos} until it is full or the file ends; returns the bytes read. */
    private static int readUpTo(FileChannel in, byte[] d, long pos) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(d);
        while (b.hasRemaining()) {
            if (in.read(b, pos + b.position()) < 0) {
                break;
            }
        }
        return b.position();
    }
}
