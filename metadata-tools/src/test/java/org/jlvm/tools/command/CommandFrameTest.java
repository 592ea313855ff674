package org.jlvm.tools.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.jlvm.pool.error.CorruptMetadataException;
import org.jlvm.tools.ir.ToolException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one mapping from what ends a command to its exit code and one line on stderr. */
class CommandFrameTest {
    @Command(name = "frame_test")
    static class Throws extends CommandFrame {
        private final RuntimeException runtime;
        private final Exception checked;
        private final int code;

        Throws(Exception checked, RuntimeException runtime, int code) {
            this.checked = checked;
            this.runtime = runtime;
            this.code = code;
        }

        @Override
        protected int run() throws ToolException, IOException {
            if (runtime != null) {
                throw runtime;
            }
            if (checked instanceof ToolException t) {
                throw t;
            }
            if (checked instanceof IOException io) {
                throw io;
            }
            out().println("fine");
            return 0;
        }

        @Override
        protected int failureCode() {
            return code;
        }
    }

    private static String[] run(CommandFrame cmd) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int rc = cl.execute();
        return new String[] {String.valueOf(rc), o.toString(), e.toString()};
    }

    @Test
    void everyFailureIsOneLineAndTheFailureCode() {
        assertEquals("0|fine\n|", String.join("|", run(new Throws(null, null, 1))));
        assertEquals("1||no such pool\n", String.join("|", run(new Throws(new ToolException("no such pool"), null, 1))));
        assertEquals("1||btree node block 7: checksum bad\n", String.join("|",
                run(new Throws(new CorruptMetadataException(7, "btree node", "checksum bad"), null, 1))));
        assertEquals("5||java.io.IOException: gone\n", String.join("|",
                run(new Throws(null, new UncheckedIOException(new IOException("gone")), 5))));
        assertEquals("5||unexpected error: java.lang.IllegalStateException: odd\n", String.join("|",
                run(new Throws(null, new IllegalStateException("odd"), 5))));
    }

    @Test
    void thinToolsCallWhatSlipsPastTheValidatorsUnreadableMetadata() {
        ThinLsCommand ls = new ThinLsCommand();
        assertEquals("metadata is unreadable: java.lang.IllegalStateException: odd",
                ls.unexpected(new IllegalStateException("odd")));
    }
}
