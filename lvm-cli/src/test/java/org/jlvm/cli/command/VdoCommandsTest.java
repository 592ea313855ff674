package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VdoCommandsTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void stressWithCrashesPassesAndPrintsTheSummaryLast() {
        Path backing = dir.resolve("stress.img");
        System.out.println("VdoCommandsTest seed=3");
        Run r = run(new VdoStressCommand(), "--backing", backing.toString(), "--physical-size", "16M",
                "--logical-size", "32M", "--seed", "3", "--ops", "800", "--crash-every", "50");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Pattern.matches("ops=800 logical_used=\\d+ physical_used=\\d+ saving_pct=-?\\d+ crashes=16 "
                + "mismatches=0", r.lastLine()), r.lastLine());

        Run table = run(new VdoStatsCommand(), backing.toString());
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().startsWith("Device "), table.out());
        assertTrue(table.out().contains("Space saving%"));
        assertTrue(table.out().contains(backing.toString()));

        Run human = run(new VdoStatsCommand(), "--human-readable", backing.toString());
        assertTrue(human.out().contains("16.0M"), human.out());

        Run verbose = run(new VdoStatsCommand(), "--verbose", backing.toString());
        assertEquals(0, verbose.code());
        assertTrue(verbose.out().contains("data blocks used: "), verbose.out());
        assertTrue(verbose.out().contains("operating mode: normal"), verbose.out());
        assertTrue(verbose.out().contains("FUA writes: "), verbose.out());
        assertTrue(verbose.out().contains("packed blocks written after waiting: "), verbose.out());
    }

    @Test
    void formatDumpAndMissingDevice() {
        Path f = dir.resolve("fmt.img");
        Run fmt = run(new VdoFormatCommand(), "--size", "8M", "--logical-size", "64M", f.toString());
        assertEquals(0, fmt.code(), fmt.err());
        Run dump = run(new VdoDumpConfigCommand(), f.toString());
        assertTrue(dump.out().contains("logicalBlocks: 16384"), dump.out());
        Run missing = run(new VdoStatsCommand(), dir.resolve("nope.img").toString());
        assertEquals(5, missing.code());
        assertTrue(missing.err().contains("No such file"), missing.err());
    }
}
