package org.jlvm.tools.pack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;

/**
 * thin_metadata_pack / unpack in thin-provisioning-tools 1.x's pack format ({@link PackFormat}), so packs made
 * for bug reports go both ways between jlvm and the 1.x tools. Pack stores the blocks the metadata space map
 * says are in use (every block with a valid checksum when the space map cannot be read, as 1.x always does);
 * unpack writes them back into an image of the original size, zeroes elsewhere.
 */
public final class MetadataPack {
    private MetadataPack() {
    }

    /**
     * What pack did.
     *
     * @param nrBlocks blocks of the image (the size unpack restores)
     * @param packed blocks stored
     * @param badChecksums blocks in use that were left out because their checksum does not match
     * @param spaceMapProblem why the space map could not be read (every valid block was packed), or null
     * @param bytes size of the pack file
     */
    public record PackResult(long nrBlocks, long packed, long badChecksums, String spaceMapProblem, long bytes) {
        /** One-line warnings for stderr (none for a healthy image). */
        public java.util.List<String> warnings() {
            java.util.List<String> w = new java.util.ArrayList<>();
            if (spaceMapProblem != null) {
                w.add("warning: the metadata space map could not be read (" + spaceMapProblem
                        + "); packed every block with a valid checksum");
            }
            if (badChecksums > 0) {
                w.add("warning: " + badChecksums + " block(s) in use have a bad checksum and were not packed");
            }
            return w;
        }
    }

    /** Packs image {@code in} into {@code out} with {@code threads} compressing workers. */
    public static PackResult pack(Path in, Path out, int threads) throws ToolException {
        checkInput(in);
        checkDistinct(in, out);
        try {
            long size = Files.size(in);
            if (size < PackFormat.BLOCK_SIZE) {
                throw new ToolException("Metadata device/file too small.  Is this binary metadata?");
            }
            if (looksLikeXml(in)) {
                throw new ToolException("This looks like XML.  This tool only supports the binary metadata format.");
            }
            BitSet used;
            String problem = null;
            long nrBlocks;
            try (MetadataFile f = MetadataFile.open(in, false)) {
                nrBlocks = f.nrBlocks();
                try {
                    used = UsedBlocks.read(f);
                } catch (Blocks.BadBlock e) {
                    problem = e.getMessage().strip();
                    used = new BitSet();
                    used.set(0, (int) Math.min(nrBlocks, Integer.MAX_VALUE));
                }
            }
            Packer.Totals t;
            try {
                t = new Packer(threads).pack(in, nrBlocks, used, out);
            } catch (Cancellation.Cancelled c) {
                Files.deleteIfExists(out); // half a pack is of no use
                throw c;
            }
            return new PackResult(nrBlocks, t.blocks(), problem == null ? t.badChecksums() : 0, problem, t.bytes());
        } catch (IOException e) {
            throw new ToolException("couldn't pack " + in + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while packing " + in, e);
        }
    }

    /** Unpacks pack file {@code in} into image {@code out}; returns the number of blocks written. */
    public static long unpack(Path in, Path out, int threads) throws ToolException {
        checkInput(in);
        checkDistinct(in, out);
        try {
            return new Unpacker(threads).unpack(in, out);
        } catch (IOException e) {
            throw new ToolException("couldn't unpack " + in + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while unpacking " + in, e);
        }
    }

    /** True when {@code p} exists and its first block has a valid superblock checksum (thin, cache or era). */
    public static boolean holdsMetadata(Path p) {
        if (!Files.exists(p) || Files.isDirectory(p)) {
            return false;
        }
        byte[] d = new byte[PackFormat.BLOCK_SIZE];
        try (InputStream s = Files.newInputStream(p)) {
            if (s.readNBytes(d, 0, d.length) != d.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        BlockKind k = BlockKind.of(d, 0, new java.util.zip.CRC32C());
        return k == BlockKind.THIN_SUPERBLOCK || k == BlockKind.CACHE_SUPERBLOCK || k == BlockKind.ERA_SUPERBLOCK;
    }

    private static void checkInput(Path in) throws ToolException {
        if (!Files.exists(in)) {
            throw new ToolException("Couldn't find input file '" + in + "'");
        }
        if (Files.isDirectory(in)) {
            throw new ToolException("Not a block device or regular file '" + in + "'.");
        }
    }

    private static void checkDistinct(Path in, Path out) throws ToolException {
        try {
            if (Files.exists(out) && Files.isSameFile(in, out)) {
                throw new ToolException("The input and output files are the same: '" + in + "'");
            }
        } catch (IOException e) {
            throw new ToolException("Invalid output file: " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeXml(Path in) throws IOException {
        byte[] head = new byte[16];
        try (InputStream s = Files.newInputStream(in)) {
            int n = s.readNBytes(head, 0, head.length);
            String t = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            return t.startsWith("<superblock") || t.startsWith("?xml") || t.startsWith("<!DOCTYPE");
        }
    }
}
