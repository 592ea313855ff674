package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.testing.RealThinTools;
import org.jlvm.tools.generate.PoolGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * thin_metadata_pack / unpack in the 1.x pack format: round trips restore every block in use byte for byte, on
 * the dm-thin vectors and a generated pool; 1.1.0 unpacks our packs and we unpack 1.1.0's; bad packs are refused
 * with one line and exit 1.
 */
class PackTest {
    @TempDir
    Path dir;

    private Path pack(Path img) {
        Path p = dir.resolve(img.getFileName() + ".pack");
        ToolHarness.Result r = ours("thin_metadata_pack", "-i", img.toString(), "-o", p.toString());
        assertEquals(0, r.rc(), r.combined());
        assertEquals("", r.err());
        return p;
    }

    private Path unpack(Path pack, String suffix) {
        Path out = dir.resolve(pack.getFileName() + suffix);
        ToolHarness.Result r = ours("thin_metadata_unpack", "-i", pack.toString(), "-o", out.toString());
        assertEquals(0, r.rc(), r.combined());
        return out;
    }

    /** Images the tests pack: every dm-thin vector and a generated pool of origins and snapshots. */
    private List<Path> images() throws IOException {
        List<Path> all = new ArrayList<>();
        for (String v : ThinCheckTest.VECTORS) {
            all.add(image(dir, v));
        }
        long seed = System.nanoTime();
        System.out.println("PackTest generated pool seed=" + seed);
        Path gen = dir.resolve("generated.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(gen, 64L << 20, 3, 3, 400_000, 128, 20, seed), n -> { });
        all.add(gen);
        return all;
    }

    @Test
    void roundTripRestoresEveryBlockInUse() throws IOException {
        for (Path img : images()) {
            Path back = unpack(pack(img), ".back");
            String what = img.getFileName().toString();
            int n = PackImages.assertSameBlocks(img, back, PackImages.inUse(img), true, what);
            assertTrue(n >= 3, what + ": only " + n + " blocks in use");
            assertEquals(real("thin_dump", img.toString()).out(), real("thin_dump", back.toString()).out(), what);
            assertEquals(0, real("thin_check", back.toString()).rc(), what);
        }
    }

    @Test
    void packsInterchangeWithThinProvisioningTools1x() throws IOException {
        Assumptions.assumeTrue(RealThinTools.pdataTools1x().isPresent(), RealThinTools.missing1xReason());
        for (Path img : images()) {
            String what = img.getFileName().toString();
            Path ourPack = pack(img);
            Path by1x = dir.resolve(what + ".1x-unpacked");
            RealThinTools.Run u = RealThinTools.run1x("thin_metadata_unpack", "-i", ourPack.toString(), "-o",
                    by1x.toString());
            assertEquals(0, u.rc(), what + ": 1.1.0 unpacking our pack: " + u.combined());
            PackImages.assertSameBlocks(img, by1x, PackImages.inUse(img), true, what + " (ours → 1.1.0)");

            Path theirPack = dir.resolve(what + ".1x.pack");
            RealThinTools.Run p = RealThinTools.run1x("thin_metadata_pack", "-i", img.toString(), "-o",
                    theirPack.toString());
            assertEquals(0, p.rc(), what + ": 1.1.0 pack: " + p.combined());
            Path back = unpack(theirPack, ".ours-unpacked");
            // 1.x packs every block with a valid checksum, in use or not: all of them come back
            BitSet valid = PackImages.validChecksums(img);
            PackImages.assertSameBlocks(img, back, PackImages.inUse(img), false, what + " (1.1.0 → ours)");
            PackImages.assertSameBlocks(img, back, valid, true, what + " (1.1.0 → ours, every valid block)");
            assertTrue(Files.size(ourPack) <= Files.size(theirPack), what + ": our pack " + Files.size(ourPack)
                    + " bytes, 1.1.0's " + Files.size(theirPack));
        }
    }

    /** The same on a pool of 5 M mappings (about 20 000 blocks in use in a 1 GiB file); tagged stress. */
    @Test
    @Tag("stress")
    void largeGeneratedPoolRoundTripsBothWays() throws IOException {
        long seed = System.nanoTime();
        System.out.println("PackTest large pool seed=" + seed);
        Path img = dir.resolve("large.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(img, 1L << 30, 10, 10, 5_000_000, 128, 10, seed), n -> { });
        BitSet used = PackImages.inUse(img);
        Path ourPack = pack(img);
        PackImages.assertSameBlocks(img, unpack(ourPack, ".back"), used, true, "large");
        if (RealThinTools.pdataTools1x().isPresent()) {
            Path by1x = dir.resolve("large.1x-unpacked");
            assertEquals(0, RealThinTools.run1x("thin_metadata_unpack", "-i", ourPack.toString(), "-o",
                    by1x.toString()).rc());
            PackImages.assertSameBlocks(img, by1x, used, true, "large (ours → 1.1.0)");
            Path theirPack = dir.resolve("large.1x.pack");
            assertEquals(0, RealThinTools.run1x("thin_metadata_pack", "-i", img.toString(), "-o",
                    theirPack.toString()).rc());
            PackImages.assertSameBlocks(img, unpack(theirPack, ".ours-unpacked"), used, false, "large (1.1.0 → ours)");
            assertTrue(Files.size(ourPack) <= Files.size(theirPack), Files.size(ourPack) + " > " + Files.size(theirPack));
        }
    }

    @Test
    void helpAndUsageAreThoseOf1x() {
        ToolHarness.Result h = ours("thin_metadata_pack", "-h");
        assertEquals(0, h.rc());
        assertTrue(h.out().contains("-f, --force"), h.out());
        ToolHarness.Result missing = ours("thin_metadata_unpack", "-i", "x");
        assertEquals(1, missing.rc());
        assertTrue(missing.err().startsWith("error: the following required arguments were not provided: --output"),
                missing.err());
        Assumptions.assumeTrue(RealThinTools.pdataTools1x().isPresent(), RealThinTools.missing1xReason());
        for (String tool : new String[] {"thin_metadata_pack", "thin_metadata_unpack"}) {
            assertEquals(RealThinTools.run1x(tool, "-h").stdout(), ours(tool, "-h").out(), tool);
        }
    }

    private void refused(Path pack, String expected) {
        Path out = dir.resolve(pack.getFileName() + ".out");
        ToolHarness.Result r = ours("thin_metadata_unpack", "-i", pack.toString(), "-o", out.toString());
        assertEquals(1, r.rc(), r.combined());
        assertEquals("", r.out());
        assertTrue(r.err().endsWith("\n") && r.err().indexOf('\n') == r.err().length() - 1,
                "one line: " + r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    private static byte[] header(long magic, long version, long bs, long nr) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(magic).putLong(version).putLong(bs)
                .putLong(nr).array();
    }

    @Test
    void badPacksAreRefusedWithOneLine() throws IOException {
        Path img = image(dir, "v3_snapshots");
        byte[] good = Files.readAllBytes(pack(img));
        assertTrue(good.length > 200);
        long magic = 0xa537a0aa6309ef77L;

        refused(Files.writeString(dir.resolve("text"), "this is not a pack file, just some text\n"), "Not a pack file");
        refused(Files.write(dir.resolve("tiny"), new byte[] {1, 2, 3}), "Not a pack file");
        refused(Files.write(dir.resolve("empty"), new byte[0]), "Not a pack file");
        refused(Files.write(dir.resolve("img-as-pack"), Files.readAllBytes(img)), "Not a pack file");
        refused(Files.write(dir.resolve("v2"), header(magic, 2, 4096, 256)), "unsupported pack file version (2)");
        refused(Files.write(dir.resolve("bs"), header(magic, 3, 512, 256)), "block size is not 4096");
        refused(Files.write(dir.resolve("half-header"), java.util.Arrays.copyOf(good, 20)), "Truncated");
        refused(Files.write(dir.resolve("half-length"), java.util.Arrays.copyOf(good, 36)), "Truncated");
        refused(Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(good, good.length - 10)), "Truncated");
        byte[] zeroLength = java.util.Arrays.copyOf(good, 40);
        java.util.Arrays.fill(zeroLength, 32, 40, (byte) 0);
        refused(Files.write(dir.resolve("zero-length"), zeroLength), "Corrupt");

        byte[] flipped = good.clone();
        for (int i = 60; i < 80; i++) {
            flipped[i] ^= 0x5A;
        }
        refused(Files.write(dir.resolve("flipped"), flipped), "Corrupt pack file");
        long len = ByteBuffer.wrap(good, 32, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(good.length, 40 + len, "v3_snapshots packs into one chunk");
        byte[] cutStream = java.util.Arrays.copyOf(good, good.length - 5);
        ByteBuffer.wrap(cutStream, 32, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(len - 5);
        refused(Files.write(dir.resolve("cut-stream"), cutStream), "Corrupt pack file");
        byte[] outside = good.clone();
        ByteBuffer.wrap(outside, 24, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(3);
        refused(Files.write(dir.resolve("outside"), outside), "outside the image");

        ToolHarness.Result missing = ours("thin_metadata_unpack", "-i", dir.resolve("nope").toString(), "-o",
                dir.resolve("o").toString());
        assertEquals(1, missing.rc());
        assertEquals("Couldn't find input file '" + dir.resolve("nope") + "'\n", missing.err());
    }

    @Test
    void badImagesAreRefusedByPack() throws IOException {
        Path small = Files.write(dir.resolve("small"), new byte[100]);
        ToolHarness.Result r = ours("thin_metadata_pack", "-i", small.toString(), "-o", dir.resolve("p").toString());
        assertEquals(1, r.rc());
        assertEquals("Metadata device/file too small.  Is this binary metadata?\n", r.err());
        Path xml = Files.writeString(dir.resolve("x.xml"), "<superblock uuid=\"\">\n" + " ".repeat(5000));
        r = ours("thin_metadata_pack", "-i", xml.toString(), "-o", dir.resolve("p").toString());
        assertEquals(1, r.rc());
        assertEquals("This looks like XML.  This tool only supports the binary metadata format.\n", r.err());
        Path img = image(dir, "v2_one_thin");
        byte[] before = Files.readAllBytes(img);
        r = ours("thin_metadata_pack", "-f", "-i", img.toString(), "-o", img.toString());
        assertEquals(1, r.rc());
        assertEquals("The input and output files are the same: '" + img + "'\n", r.err());
        assertArrayEquals(before, Files.readAllBytes(img));
    }

    @Test
    void metadataIsNotOverwrittenWithoutForce() throws IOException {
        Path img = image(dir, "v2_one_thin");
        Path p = pack(img);
        Path target = image(dir, "v4_many");
        byte[] before = Files.readAllBytes(target);
        ToolHarness.Result r = ours("thin_metadata_unpack", "-i", p.toString(), "-o", target.toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().startsWith("Output file not overwritten"), r.err());
        assertArrayEquals(before, Files.readAllBytes(target));
        r = ours("thin_metadata_unpack", "-f", "-i", p.toString(), "-o", target.toString());
        assertEquals(0, r.rc(), r.combined());
        PackImages.assertSameBlocks(img, target, PackImages.inUse(img), true, "forced");
    }

    @Test
    void damagedMetadataPacksWhatCanBeCarried() throws IOException {
        // A leaf in use with a bad checksum: 1.x packs cannot carry it, so it is left out with a warning.
        Path img = image(dir, "v3_snapshots");
        BitSet used = PackImages.inUse(img);
        int leaf = -1;
        for (int b = used.nextSetBit(1); b >= 0; b = used.nextSetBit(b + 1)) {
            if (Checksums.saltOf(ToolHarness.block(img, b)) == Checksums.BTREE_NODE_SALT) {
                leaf = b;
            }
        }
        assertTrue(leaf > 0);
        ToolHarness.patch(img, leaf, 0, d -> d[100] ^= 1);
        Path p = dir.resolve("damaged.pack");
        ToolHarness.Result r = ours("thin_metadata_pack", "-i", img.toString(), "-o", p.toString());
        assertEquals(0, r.rc(), r.combined());
        assertEquals("warning: 1 block(s) in use have a bad checksum and were not packed\n", r.err());
        used.clear(leaf);
        PackImages.assertSameBlocks(img, unpack(p, ".back"), used, true, "damaged leaf");

        // A lost superblock: no space map, so every block with a valid checksum is packed (what 1.x does).
        Path lost = image(dir, "v4_many");
        BitSet valid = PackImages.validChecksums(lost);
        ToolHarness.patch(lost, 0, 0, d -> d[200] ^= 1);
        valid.clear(0);
        Path q = dir.resolve("lost.pack");
        r = ours("thin_metadata_pack", "-i", lost.toString(), "-o", q.toString());
        assertEquals(0, r.rc(), r.combined());
        assertTrue(r.err().startsWith("warning: the metadata space map could not be read (bad checksum in superblock")
                && r.err().indexOf('\n') == r.err().length() - 1, r.err());
        PackImages.assertSameBlocks(lost, unpack(q, ".back"), valid, true, "lost superblock");
    }
}
