package org.jlvm.tools.pack;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * One worker's state for unpacking chunks: inflates a chunk, decodes its entries and writes each block at its
 * place in the output (adjacent blocks in one write). Every block must carry a valid persistent-data checksum,
 * as 1.x requires.
 */
final class ChunkUnpacker implements AutoCloseable {
    private static final int RUN = 64;
    private static final int BS = PackFormat.BLOCK_SIZE;
    private final FileChannel out;
    private final long nrBlocks;
    private final ChunkInput input = new ChunkInput();
    private final VmDecoder decoder = new VmDecoder(input);
    private final CRC32C crc = new CRC32C();
    private final byte[] run = new byte[RUN * BS];
    private long runStart;
    private int runLength;

    ChunkUnpacker(FileChannel out, long nrBlocks) {
        this.out = out;
        this.nrBlocks = nrBlocks;
    }

    /** Unpacks one chunk's compressed bytes; returns the number of blocks written. */
    int unpack(byte[] data) throws IOException, CorruptPack {
        input.reset(data, data.length);
        runLength = 0;
        int n = 0;
        while (!input.atEnd()) {
            long b = input.le(8);
            if (b < 0 || b >= nrBlocks) {
                throw new CorruptPack("block " + Long.toUnsignedString(b) + " is outside the image of " + nrBlocks
                        + " blocks");
            }
            if (runLength == RUN || (runLength > 0 && b != runStart + runLength)) {
                flush();
            }
            if (runLength == 0) {
                runStart = b;
            }
            int off = runLength * BS;
            decoder.block(run, off);
            if (BlockKind.of(run, off, crc) == BlockKind.UNKNOWN) {
                throw new CorruptPack("block " + b + " does not decode to a metadata block (bad checksum)");
            }
            runLength++;
            n++;
        }
        flush();
        return n;
    }

    private void flush() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(run, 0, runLength * BS);
        long pos = runStart * BS;
        while (b.hasRemaining()) {
            out.write(b, pos + b.position());
        }
        runLength = 0;
    }

    @Override
    public void close() {
        input.close();
    }
}
