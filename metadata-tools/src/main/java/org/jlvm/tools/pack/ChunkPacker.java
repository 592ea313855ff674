package org.jlvm.tools.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;

/**
 * One worker's state for packing chunks: reads the chunk's blocks (runs of adjacent blocks in one read),
 * encodes those with a valid checksum, and deflates the entries into one zlib stream, returned with its u64
 * length in front, ready to append to the pack.
 */
final class ChunkPacker implements AutoCloseable {
    /** The packed bytes of one chunk and what went in. */
    record Packed(byte[] bytes, int blocks, int badChecksums) {
    }

    private static final int RUN = 64;
    private static final int BS = PackFormat.BLOCK_SIZE;
    private final FileChannel in;
    private final byte[] run = new byte[RUN * BS];
    private final ByteSink raw = new ByteSink(1 << 20);
    private final BlockEncoder encoder = new BlockEncoder(raw);
    private final CRC32C crc = new CRC32C();
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
    private byte[] zipped = new byte[1 << 18];

    ChunkPacker(FileChannel in) {
        this.in = in;
    }

    /** Packs blocks {@code blocks[0..n)} (ascending). */
    Packed pack(long[] blocks, int n) throws IOException {
        raw.clear();
        int packed = 0;
        int bad = 0;
        int i = 0;
        while (i < n) {
            int k = 1;
            while (i + k < n && k < RUN && blocks[i + k] == blocks[i] + k) {
                k++;
            }
            read(blocks[i], k);
            for (int j = 0; j < k; j++) {
                BlockKind kind = BlockKind.of(run, j * BS, crc);
                if (kind == BlockKind.UNKNOWN) {
                    bad++;
                    continue;
                }
                raw.le(blocks[i + j], 8);
                encoder.encode(kind, run, j * BS);
                packed++;
            }
            i += k;
        }
        return new Packed(packed == 0 ? new byte[0] : deflate(), packed, bad);
    }

    private void read(long first, int k) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(run, 0, k * BS);
        long pos = first * BS;
        while (b.hasRemaining()) {
            int r = in.read(b, pos + b.position());
            if (r < 0) {
                throw new IOException("unexpected end of file at block " + (first + b.position() / BS));
            }
        }
    }

    private byte[] deflate() {
        deflater.reset();
        deflater.setInput(raw.array(), 0, raw.length());
        deflater.finish();
        int len = 8;
        while (!deflater.finished()) {
            if (zipped.length - len < 1 << 16) {
                zipped = java.util.Arrays.copyOf(zipped, zipped.length * 2);
            }
            len += deflater.deflate(zipped, len, zipped.length - len);
        }
        long z = len - 8;
        for (int i = 0; i < 8; i++) {
            zipped[i] = (byte) (z >>> (8 * i));
        }
        return java.util.Arrays.copyOf(zipped, len);
    }

    @Override
    public void close() {
        deflater.end();
    }
}
