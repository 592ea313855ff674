package org.jlvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch on the invoked name, exit codes and messages of the entry point. */
class MainTest {
    @TempDir
    Path tmp;

    private record Out(int rc, String out, String err) {
    }

    private static Out run(String name, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(name, args, new PrintWriter(o, true), new PrintWriter(e, true), java.util.Map.of());
        return new Out(rc, o.toString(), e.toString());
    }

    @Test
    void versionAndHelp() {
        Out v = run("jlvm", "--version");
        assertEquals(0, v.rc());
        assertTrue(v.out().startsWith("jlvm "), v.out());
        Out h = run("jlvm", "help");
        assertEquals(0, h.rc());
        assertTrue(h.out().contains("thin_stress"), h.out());
    }

    /** thin_check on a plain command line takes the quick start (link name or command) and runs as dispatched. */
    @Test
    void quickStartRunsAsTheDispatcher() throws Exception {
        Path img = tmp.resolve("v4.bin");
        try (var in = new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(
                org.jlvm.pool.testing.TestData.thinVectors().resolve("v4_many.bin.gz")))) {
            java.nio.file.Files.copy(in, img);
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Integer quick = QuickStart.run("jlvm", new String[] {"thin_check", img.toString()}, new PrintWriter(o, true),
                new PrintWriter(e, true), java.util.Map.of());
        assertEquals(0, quick);
        StringWriter o2 = new StringWriter();
        StringWriter e2 = new StringWriter();
        int rc = new Dispatcher(new PrintWriter(o2, true), new PrintWriter(e2, true)).run("thin_check",
                new String[] {img.toString()});
        assertEquals(rc, quick.intValue());
        assertEquals(o2.toString(), o.toString());
        assertEquals(e2.toString(), e.toString());
        assertTrue(e.toString().contains("examining mapping tree"), e.toString());
        Out viaLink = run("thin_check", img.toString());
        assertEquals(new Out(rc, o2.toString(), e2.toString()), viaLink);
        // help goes to picocli
        assertEquals(null, QuickStart.run("thin_check", new String[] {"-h"}, new PrintWriter(o, true),
                new PrintWriter(e, true), java.util.Map.of()));
    }

    @Test
    void unknownCommandIsAnInvalidCommandLine() {
        Out r = run("jlvm", "frobnicate");
        assertEquals(ExitCodes.INVALID_COMMAND_LINE, r.rc());
        assertTrue(r.err().contains("no such command 'frobnicate'"), r.err());
    }

    @Test
    void toolBadOptionsExitOneWithUsage() {
        Out r = run("thin_stress", "--metadata", tmp.resolve("m").toString(), "--data-blocks", "10", "--seed", "1",
                "--ops", "1", "--bogus");
        assertEquals(1, r.rc());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        Out missing = run("jlvm", "thin_stress", "--seed", "1");
        assertEquals(1, missing.rc());
        assertTrue(missing.err().contains("Missing required options"), missing.err());
        Out badSize = run("thin_stress", "--metadata", tmp.resolve("m").toString(), "--data-blocks", "100",
                "--seed", "1", "--ops", "1", "--metadata-size", "12q");
        assertEquals(1, badSize.rc());
        assertTrue(badSize.err().contains("unknown size unit 'q'"), badSize.err());
    }

    @Test
    void unreadableMetadataIsOneClearLine() throws Exception {
        Path bad = tmp.resolve("garbage");
        java.nio.file.Files.write(bad, new byte[8192]);
        Out r = run("thin_stress", "--metadata", bad.toString(), "--data-blocks", "100", "--seed", "1",
                "--ops", "10");
        assertEquals(1, r.rc());
        assertEquals("thin_stress: superblock block 0: checksum 0x00000000 != expected 0x58cfd397", r.err().trim());
    }

    @Test
    void thinStressRunsAndSummarises() {
        Out r = run("thin_stress", "--metadata", tmp.resolve("m").toString(), "--data-blocks", "5000",
                "--seed", "3", "--ops", "500", "--crash-every", "97");
        assertEquals(0, r.rc(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertTrue(lines[lines.length - 1].matches(
                "ops=500 devices=\\d+ mappings=\\d+ transaction=\\d+ crashes=5 mismatches=0"), r.out());
    }
}
