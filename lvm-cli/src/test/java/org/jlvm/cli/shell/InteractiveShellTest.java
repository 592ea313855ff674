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
import org.jlvm.cli.lvm.vg.LvmHome;
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
        Path home = tmp.resolve("home");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);
        CommandSet commands = ShellFixture.commands(Map.of("JLVM_HOME", home.toString()), o, e);
        int status;
        String screen;
        try (TypingTerminal terminal = TypingTerminal.open()) {
            terminal.type(List.of(lines));
            status = new InteractiveShell(commands, ShellSettings.defaults(new LvmHome(home)), terminal,
                    new OnDiskVolumeNames(new LvmHome(home)), lv -> true, tmp, o, e).run();
            screen = terminal.screen();
        }
        return new Session(status, screen, out.toString(), err.toString());
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
}
