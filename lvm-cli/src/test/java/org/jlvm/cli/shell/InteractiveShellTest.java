package org.jlvm.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.ShellFixture;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.tools.generate.PoolGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell driven through jline's terminal over streams (keys in, screen out), with the real commands: history
 * kept across two sessions, Ctrl-C dropping a half-typed line, a failing command followed by a good one, Tab
 * listing candidates, Ctrl-D leaving.
 */
class InteractiveShellTest {
    /** The up arrow in the keypad mode jline switches an xterm to (terminfo kcuu1). */
    private static final String UP = "\033OA";
    private static final String CTRL_C = "\003";
    private static final String CTRL_D = "\004";

    @TempDir
    Path tmp;

    /** What one session printed: the terminal (prompt, echo, completion lists) and the commands' streams. */
    private record Session(int status, String screen, String out, String err) {
        /** The screen without the terminal's escape sequences. */
        String plain() {
            return screen.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]|\u001B[=>]", "");
        }
    }

    /** One session; each element of {@code lines} is typed when the editor waits for a line. */
    private Session session(String... lines) throws IOException {
        return session(new StringWriter(), (t, err) -> { }, lines);
    }

    /** What a person does while the session runs, besides typing the lines (pressing Ctrl-C at some point). */
    private interface Meanwhile {
        void act(TypingTerminal terminal, StringWriter err) throws Exception;
    }

    /**
     * One session whose commands print to {@code outSink}, with {@code meanwhile} acting on a thread of its own;
     * each element of {@code lines} is typed when the editor waits for a line.
     */
    private Session session(Writer outSink, Meanwhile meanwhile, String... lines) throws IOException {
        Path home = tmp.resolve("home");
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(outSink, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandSet commands = ShellFixture.commands(Map.of("JLVM_HOME", home.toString()), o, e);
        int status;
        String screen;
        try (TypingTerminal terminal = TypingTerminal.open()) {
            terminal.type(List.of(lines));
            AtomicReference<Exception> failed = new AtomicReference<>();
            Thread person = new Thread(() -> {
                try {
                    meanwhile.act(terminal, err);
                } catch (Exception ex) {
                    failed.set(ex);
                }
            }, "person");
            person.setDaemon(true);
            person.start();
            status = new InteractiveShell(commands, ShellSettings.defaults(new LvmHome(home)), terminal,
                    new OnDiskVolumeNames(new LvmHome(home)), lv -> true, tmp, o, e).run();
            screen = terminal.screen();
            try {
                person.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException ex) {
                throw new IllegalStateException(ex);
            }
            if (failed.get() != null) {
                throw new IllegalStateException("the person's part failed", failed.get());
            }
        }
        return new Session(status, screen, outSink.toString(), err.toString());
    }

    private void volumeGroup() {
        JlvmRunner jlvm = new JlvmRunner(tmp.resolve("home"));
        jlvm.ok("pvcreate", "--size", "32m", tmp.resolve("pv0.img").toString());
        jlvm.ok("vgcreate", "vg0", tmp.resolve("pv0.img").toString());
    }

    @Test
    void historyIsKeptAcrossSessionsWithoutExit() throws IOException {
        volumeGroup();
        Session first = session("vgs\n", "exit\n");
        assertEquals(1, first.out().lines().filter(l -> l.trim().startsWith("vg0")).count(), first.toString());
        assertTrue(first.err().contains("  Exiting."), first.err());
        Path history = tmp.resolve("home").resolve("lvm_history");
        List<String> lines = Files.readAllLines(history);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("vgs"), lines.toString());
        // the second session recalls the first one's line with the up arrow and runs it again
        Session second = session(UP + "\n", "exit\n");
        assertEquals(1, second.out().lines().filter(l -> l.trim().startsWith("vg0")).count(), second.toString());
    }

    @Test
    void ctrlCDropsTheHalfTypedLineAndTheShellGoesOn() throws IOException {
        volumeGroup();
        Session s = session("vgremove vg0" + CTRL_C, "vgs\n", CTRL_D);
        assertTrue(s.out().contains("vg0"), "vgs ran: " + s);
        assertFalse(s.err().contains("vgremove") || s.out().contains("removed"), s.toString());
        assertTrue(new JlvmRunner(tmp.resolve("home")).ok("vgs").out().contains("vg0"), "the VG is still there");
        assertTrue(Files.readString(tmp.resolve("home").resolve("lvm_history")).contains("vgs"));
        assertFalse(Files.readString(tmp.resolve("home").resolve("lvm_history")).contains("vgremove"));
    }

    @Test
    void aFailingCommandThenAGoodOneAndTheStatusOfEach() throws IOException {
        volumeGroup();
        Session s = session("lvs vg0/nothing\n", "echo $?\n", "lvs 'vg0'\n", "echo $?\n", "bogus\n", "echo \"status $?\"\n",
                CTRL_D);
        assertTrue(s.err().contains("Failed to find logical volume \"vg0/nothing\""), s.err());
        assertTrue(s.err().contains("jlvm: no such command 'bogus'. Try 'jlvm help'."), s.err());
        assertEquals(List.of("5", "0", "status 3"), s.out().lines().filter(l -> l.matches("(status )?\\d+")).toList(),
                s.out());
        assertEquals(3, s.status(), "the shell ends with the last command's status");
        assertTrue(s.screen().contains("lvm> "), s.screen());
    }

    @Test
    void tabListsTheCandidatesWithTheirDescriptions() throws IOException {
        Session s = session("vgc\t\t" + CTRL_C, "lvcreate --disc\t\t" + CTRL_C, "exit\n");
        assertTrue(s.plain().contains("vgcreate"), s.plain());
        assertTrue(s.plain().contains("vgcfgbackup"), s.plain());
        assertTrue(s.plain().contains("create a volume group"), s.plain());
        assertTrue(s.plain().contains("lvcreate --discards "), s.plain());
        assertTrue(s.plain().contains("nopassdown"), s.plain());
    }

    @Test
    void helpListsTheCommandsAndTheShellsOwnWords() throws IOException {
        Session s = session("help\n", "help lvs\n", "version\n", "exit\n");
        assertTrue(s.out().contains("lvcreate"), s.out());
        assertTrue(s.out().contains("echo $?"), s.out());
        assertTrue(s.out().contains("Usage: lvs"), s.out());
        assertTrue(s.out().lines().anyMatch(l -> l.startsWith("jlvm ")), s.out());
    }

    /** Standard output that a slow terminal takes in: each write waits, and the first one is announced. */
    private static final class SlowOutput extends Writer {
        final CountDownLatch firstWrite = new CountDownLatch(1);
        private final StringBuffer text = new StringBuffer();

        @Override
        public void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
            firstWrite.countDown();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /** The threads of the thin tools still alive. */
    private static List<String> toolThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("dump-") || n.startsWith("check-") || n.equals("thin_metadata_pack"))
                .toList();
    }

    @Test
    void ctrlCStopsALongThinDumpAndTheShellGoesOn() throws IOException {
        // 3 origins, 3 snapshots each overwriting a fifth of their blocks: 7.4 MB of XML, over 2 s to this stdout
        Path pool = tmp.resolve("pool.bin");
        PoolGenerator.generate(new PoolGenerator.Spec(pool, 64L << 20, 3, 3, 400_000, 128, 200, 11), n -> { });
        SlowOutput out = new SlowOutput();
        long[] pressedAt = {0};
        Session s = session(out, (terminal, err) -> {
            if (!out.firstWrite.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("thin_dump never wrote");
            }
            pressedAt[0] = out.toString().length();
            terminal.press(CTRL_C);
        }, "thin_dump " + pool + "\n", "echo status $?\n", "thin_ls " + pool + "\n", "echo status $?\n", CTRL_D);
        assertTrue(s.err().contains("thin_dump: interrupted"), s.err());
        assertEquals(1, s.err().lines().filter(l -> l.contains("interrupted")).count(), s.err());
        assertFalse(s.out().contains("</superblock>"), "the dump stopped early");
        assertTrue(s.out().length() < 4 * 65536 + pressedAt[0], "a few writes after Ctrl-C at most: "
                + s.out().length() + " chars, " + pressedAt[0] + " when it was pressed");
        // (the cut dump's last line has no line end: the status follows it)
        assertEquals(List.of("status 1", "status 0"), s.out().lines().filter(l -> l.matches(".*status \\d+"))
                .map(l -> l.substring(l.indexOf("status "))).toList());
        assertTrue(s.out().contains("CREATE_TIME"), "thin_ls ran after it: " + s.err());
        assertEquals(List.of(), toolThreads(), "no worker of the dump is left");
    }

    @Test
    void aQuestionIsAnsweredWithEchoAndBackspace() throws IOException {
        volumeGroup();
        new JlvmRunner(tmp.resolve("home")).ok("lvcreate", "-L", "4m", "-n", "lv0", "vg0");
        Session s = session("vgremove vg0\n", "x\by\n", "echo $?\n", CTRL_D);
        assertTrue(s.out().contains("Volume group \"vg0\" successfully removed"), s.out() + s.err());
        assertTrue(s.plain().contains("x\b \by"), "typed keys echoed, the x erased: " + s.plain());
        assertTrue(s.out().lines().anyMatch(l -> l.trim().equals("0")), s.out());
    }

    @Test
    void ctrlCAtAQuestionAnswersNo() throws IOException {
        volumeGroup();
        new JlvmRunner(tmp.resolve("home")).ok("lvcreate", "-L", "4m", "-n", "lv0", "vg0");
        // the question reads its line as the editor does: Ctrl-C is typed when it waits
        Session s = session("vgremove vg0\n", CTRL_C, "echo $?\n", "lvs vg0\n", CTRL_D);
        assertTrue(s.err().contains("logical volumes? [y/n]: \n  Interrupted...\n"), s.err());
        assertTrue(s.err().contains("Volume group \"vg0\" not removed"), s.err());
        assertTrue(s.out().lines().anyMatch(l -> l.trim().equals("5")), s.out());
        assertTrue(s.out().contains("lv0"), "the VG and its LV are still there: " + s.out());
    }
}
