package org.jlvm.tools.command;

import static org.jlvm.tools.command.ToolHarness.image;
import static org.jlvm.tools.command.ToolHarness.ours;
import static org.jlvm.tools.command.ToolHarness.real;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** thin_metadata_pack / unpack round trips: same bytes, same dump; garbage is refused. */
class PackTest {
    @TempDir
    Path dir;

    @Test
    void packUnpackGivesTheSameImage() throws IOException {
        for (String v : ThinCheckTest.VECTORS) {
            Path img = image(dir, v);
            Path pack = dir.resolve(v + ".pack");
            Path back = dir.resolve(v + ".back");
            assertEquals(0, ours("thin_metadata_pack", "-i", img.toString(), "-o", pack.toString()).rc());
            assertTrue(Files.size(pack) < Files.size(img) / 4, v + " pack size " + Files.size(pack));
            assertEquals(0, ours("thin_metadata_unpack", "-i", pack.toString(), "-o", back.toString()).rc());
            assertArrayEquals(Files.readAllBytes(img), Files.readAllBytes(back), v);
            assertEquals(real("thin_dump", img.toString()).out(), real("thin_dump", back.toString()).out());
        }
        Path junk = Files.writeString(dir.resolve("junk"), "not a pack");
        ToolHarness.Result r = ours("thin_metadata_unpack", "-i", junk.toString(), "-o", dir.resolve("x").toString());
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("not a metadata pack"), r.err());
    }
}
