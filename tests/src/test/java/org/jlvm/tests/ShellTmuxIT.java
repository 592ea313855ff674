package org.jlvm.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell end to end in a real pseudo-terminal: {@code bin/jlvm} with no arguments inside tmux, keys sent with
 * {@code send-keys}, the screen read with {@code capture-pane}. A session makes a thin pool, a thin LV and a
 * snapshot (one completed with Tab), lists them, drops a half-typed {@code lvremove} with Ctrl-C, answers a
 * question with Ctrl-C ("no"), then answers
 * {@code lvremove}'s question at the terminal.
 */
class ShellTmuxIT {
    private static final long WAIT_MILLIS = 60_000;
    private static final String PROMPT = "lvm> ";

    @TempDir
    Path tmp;

    private final String socket = "jlvm-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();

    @AfterEach
    void stopTmux() throws Exception {
        RealTools.run("tmux", "-L", socket, "kill-server");
    }

    @Test
    void thinPoolSessionWithCompletionAndCtrlC() throws Exception {
        RealTools.Run version;
        try {
            version = RealTools.run("tmux", "-V");
        } catch (IOException e) {
            throw new AssertionError("tmux is missing: scripts/test-deps.sh installs it (scripts/test-packages.txt)", e);
        }
        assertEquals(0, version.rc(), version.stderr());
        Path jlvm = Path.of("..", "bin", "jlvm").toAbsolutePath().normalize();
        Path home = tmp.resolve("home");
        String command = "cd '" + tmp + "' && JLVM_HOME='" + home + "' '" + jlvm + "'; echo \"[shell exited $?]\"; sleep 600";
        tmux("new-session", "-d", "-s", "jlvm", "-x", "160", "-y", "50", "bash", "-c", command);
        awaitPrompt(1);

        run("pvcreate --size 256m pv0.img", "Physical volume \"" + tmp.resolve("pv0.img") + "\" successfully created.");
        run("vgcreate vg0 pv0.img", "Volume group \"vg0\" successfully created");
        run("lvcreate --type thin-pool -L 64m -n pool vg0", "Logical volume \"pool\" created.");
        run("lvcreate -V 128m -T vg0/pool -n thin1", "Logical volume \"thin1\" created.");

        // Tab completes the command, then the only thin LV after -s (the pool does not fit there)
        type("lvcre");
        key("Tab");
        await(s -> lastPromptLine(s).equals(PROMPT + "lvcreate"), "lvcre<Tab> completes to lvcreate");
        type("-s vg0/th");
        key("Tab");
        await(s -> lastPromptLine(s).equals(PROMPT + "lvcreate -s vg0/thin1"), "-s vg0/th<Tab> completes to vg0/thin1");
        type("-n snap1");
        enterAndAwait("Logical volume \"snap1\" created.");

        // an option and an enum value completed, then the listing
        type("lvs -a --unq"); // (--al would be --all or --aligned: lvs has every report option)
        key("Tab");
        type("-o +ori");
        key("Tab");
        await(s -> lastPromptLine(s).equals(PROMPT + "lvs -a --unquoted -o +origin"), "--unq<Tab> and +ori<Tab>");
        enterAndAwait("[pool_tdata]");
        String listing = screen();
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s*snap1\\s+vg0\\s+Vwi---tz-k\\s+128\\.00m\\s+pool\\s+thin1.*")),
                listing);
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s*pool\\s+vg0\\s+twi---tz--\\s+64\\.00m.*")), listing);

        // Ctrl-C on a half-typed line: the line is dropped, nothing runs, the shell goes on
        type("lvremove -y vg0/pool");
        await(s -> lastPromptLine(s).equals(PROMPT + "lvremove -y vg0/pool"), "the half-typed line is shown");
        int prompts = prompts(screen());
        key("C-c");
        awaitPrompt(prompts + 1);
        run("lvs vg0/pool", "twi---tz--");

        // Ctrl-C at a command's question is "no" (lvm2's yes_no_prompt on SIGINT): the pool stays
        type("lvremove vg0/pool");
        int before = prompts(screen());
        key("Enter");
        await(s -> s.contains("[y/n]:"), "lvremove's question");
        key("C-c");
        awaitPrompt(before + 1, "Logical volume vg0/pool not removed.");
        String answered = screen();
        assertTrue(answered.lines().anyMatch(l -> l.equals("  Interrupted...")), answered);
        run("echo \"status $?\"", "status 5");
        run("lvs vg0/pool", "twi---tz--");

        // a command's question is answered at the terminal
        type("lvremove vg0/pool");
        key("Enter");
        await(s -> s.split("\\[y/n\\]:", -1).length > 2, "lvremove's question again");
        type("y");
        enterAndAwait("Logical volume \"pool\" successfully removed.");

        type("exit");
        enterAndAwait("[shell exited 0]");
        String end = screen();
        assertTrue(end.contains("  Exiting."), end);
        List<String> history = Files.readAllLines(home.resolve("lvm_history"));
        assertTrue(history.stream().anyMatch(l -> l.endsWith("lvcreate -s vg0/thin1 -n snap1")), history.toString());
        assertTrue(history.stream().anyMatch(l -> l.endsWith(":lvremove vg0/pool")), history.toString());
        // neither the line dropped with Ctrl-C, nor the answer to the question, nor exit
        assertFalse(history.stream().anyMatch(l -> l.contains("lvremove -y") || l.endsWith(":y") || l.endsWith(":exit")),
                history.toString());
    }

    private void run(String line, String expected) throws Exception {
        type(line);
        enterAndAwait(expected);
    }

    private void enterAndAwait(String expected) throws Exception {
        int prompts = prompts(screen());
        key("Enter");
        awaitPrompt(prompts + 1, expected);
    }

    private void type(String text) throws Exception {
        tmux("send-keys", "-t", "jlvm", "-l", "--", text);
    }

    private void key(String key) throws Exception {
        tmux("send-keys", "-t", "jlvm", key);
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-S", "-", "-t", "jlvm").stdout();
    }

    private static int prompts(String screen) {
        return (int) screen.lines().filter(l -> l.startsWith(PROMPT.trim())).count();
    }

    /** The last prompt line, without trailing blanks (capture-pane drops them). */
    private static String lastPromptLine(String screen) {
        List<String> lines = screen.lines().filter(l -> l.startsWith(PROMPT.trim())).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).stripTrailing();
    }

    private void awaitPrompt(int count) throws Exception {
        await(s -> prompts(s) >= count, count + " prompts");
    }

    /** Waits for the {@code count}-th prompt, or for the shell's end, with {@code expected} on the screen. */
    private void awaitPrompt(int count, String expected) throws Exception {
        await(s -> s.contains(expected) && (prompts(s) >= count || s.contains("[shell exited")),
                "'" + expected + "' and prompt " + count);
    }

    private void await(Predicate<String> done, String what) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        String s = screen();
        while (!done.test(s)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + s);
            }
            Thread.sleep(50);
            s = screen();
        }
    }

    private RealTools.Run tmux(String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "tmux";
        cmd[1] = "-L";
        cmd[2] = socket;
        System.arraycopy(args, 0, cmd, 3, args.length);
        RealTools.Run r = RealTools.run(cmd);
        if (r.rc() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + r.stderr());
        }
        return r;
    }
}
