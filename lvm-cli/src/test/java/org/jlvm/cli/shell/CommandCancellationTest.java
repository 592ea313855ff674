package org.jlvm.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.ShellFixture;
import org.jlvm.tools.generate.PoolGenerator;
import org.jlvm.tools.ir.Cancellation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's commands run under a cancellation that was requested before they started (a Ctrl-C that is
 * already there): a command that only reads stops with its one line and failure status, a command that writes
 * runs to the end as if nothing had happened. The pool is a generated one (3 origins, 3 snapshots each, 400,000
 * mappings, seed 3).
 */
class CommandCancellationTest {
    @TempDir
    Path tmp;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private CommandSet commands;
    private JlvmRunner jlvm;

    @BeforeEach
    void setUp() {
        Path home = tmp.resolve("home");
        commands = ShellFixture.commands(Map.of("JLVM_HOME", home.toString()), new PrintWriter(out, true),
                new PrintWriter(err, true));
        jlvm = new JlvmRunner(home);
    }

    /** Runs {@code words} in the shell's command set with a cancellation already requested. */
    private int cancelled(String... words) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        Cancellation c = new Cancellation();
        c.request();
        return c.run(() -> commands.run(List.of(words), null, false));
    }

    private Path pool() throws IOException {
        Path pool = tmp.resolve("pool.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(pool, 64L << 20, 3, 3, 400_000, 128, 20, 3), n -> { });
        return pool;
    }

    @Test
    void aReportStopsWithLvm2sLineButAWritingVerbRunsToTheEnd() {
        jlvm.ok("pvcreate", "--size", "32m", tmp.resolve("pv0.img").toString());
        jlvm.ok("vgcreate", "vg0", tmp.resolve("pv0.img").toString());
        assertEquals(0, cancelled("lvcreate", "-L", "4m", "-n", "lv0", "vg0"), err.toString());
        assertTrue(out.toString().contains("Logical volume \"lv0\" created."), out.toString());
        assertEquals(5, cancelled("lvs", "vg0"));
        assertEquals("  Interrupted...\n", err.toString());
        assertFalse(out.toString().contains("lv0"), out.toString());
        assertTrue(jlvm.ok("lvs", "vg0").out().contains("lv0"), "the LV was created in full");
    }

    @Test
    void aThinToolStopsButAFixingThinCheckDoesNot() throws IOException {
        Path pool = pool();
        assertEquals(1, cancelled("thin_check", pool.toString()));
        assertEquals("thin_check: interrupted\n", err.toString());
        assertEquals(1, cancelled("thin_dump", pool.toString()));
        assertEquals("thin_dump: interrupted\n", err.toString());
        assertEquals(1, cancelled("thin_ls", pool.toString()));
        assertEquals("thin_ls: interrupted\n", err.toString());
        assertEquals(0, cancelled("thin_check", "--clear-needs-check-flag", pool.toString()), err.toString());
        assertTrue(err.toString().contains("checking space map counts"), err.toString());
    }

    @Test
    void aCancelledPackLeavesNoHalfFile() throws IOException {
        Path pack = tmp.resolve("pool.pack");
        assertEquals(1, cancelled("thin_metadata_pack", "-i", pool().toString(), "-o", pack.toString()));
        assertEquals("thin_metadata_pack: interrupted\n", err.toString());
        assertFalse(Files.exists(pack));
    }
}
