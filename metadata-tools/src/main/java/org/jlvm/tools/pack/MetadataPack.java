package org.jlvm.tools.pack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;

/**
 * thin_metadata_pack / unpack: a compressed archive of the non-zero blocks of a metadata image (for bug
 * reports); unpacking gives back a sparse image with the same bytes in every block. Format (big-endian):
 * "JLVMPACK", u32 version 1, u64 nr_blocks, then a deflate stream of (u64 block, 4096 bytes) records ending
 * with block number -1.
 */
public final class MetadataPack {
    private static final byte[] MAGIC = "JLVMPACK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int BS = MetadataFile.BLOCK_SIZE;

    private MetadataPack() {
    }

    /** Packs {@code in} into {@code out}; returns the number of blocks stored. */
    public static long pack(Path in, Path out) throws ToolException {
        try (MetadataFile f = MetadataFile.open(in, false);
                OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            DataOutputStream head = new DataOutputStream(os);
            head.write(MAGIC);
            head.writeInt(1);
            head.writeLong(f.nrBlocks());
            head.flush();
            DeflaterOutputStream z = new DeflaterOutputStream(os, new java.util.zip.Deflater(6), 1 << 16);
            DataOutputStream d = new DataOutputStream(z);
            byte[] zero = new byte[BS];
            long n = 0;
            for (long b = 0; b < f.nrBlocks(); b++) {
                byte[] blk = f.read(b);
                if (Arrays.equals(blk, zero)) {
                    continue;
                }
                d.writeLong(b);
                d.write(blk);
                n++;
            }
            d.writeLong(-1);
            d.flush();
            z.finish();
            return n;
        } catch (IOException e) {
            throw new ToolException("couldn't pack " + in + ": " + e.getMessage());
        }
    }

    /** Unpacks {@code in} into a new sparse image {@code out}; returns the number of blocks written. */
    public static long unpack(Path in, Path out) throws ToolException {
        if (!Files.exists(in)) {
            throw new ToolException("Couldn't stat path");
        }
        try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
            DataInputStream head = new DataInputStream(is);
            byte[] m = new byte[MAGIC.length];
            head.readFully(m);
            if (!Arrays.equals(m, MAGIC) || head.readInt() != 1) {
                throw new ToolException(in + " is not a metadata pack (thin_metadata_pack output)");
            }
            long nr = head.readLong();
            if (nr < 0 || nr > (1L << 40)) {
                throw new ToolException(in + ": bad block count " + nr);
            }
            DataInputStream d = new DataInputStream(new InflaterInputStream(is, new java.util.zip.Inflater(), 1 << 16));
            long n = 0;
            try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] blk = new byte[BS];
                while (true) {
                    long b = d.readLong();
                    if (b == -1) {
                        break;
                    }
                    if (b < 0 || b >= nr) {
                        throw new ToolException(in + ": block " + b + " outside the image");
                    }
                    d.readFully(blk);
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(blk);
                    while (buf.hasRemaining()) {
                        ch.write(buf, b * BS + buf.position());
                    }
                    n++;
                }
                if (ch.size() < nr * BS && nr > 0) {
                    ch.write(java.nio.ByteBuffer.allocate(1), nr * BS - 1);
                }
            }
            return n;
        } catch (EOFException e) {
            throw new ToolException(in + " is truncated");
        } catch (IOException e) {
            throw new ToolException("couldn't unpack " + in + ": " + e.getMessage());
        }
    }
}
