package org.jlvm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jlvm FILE} (a {@code #!} script) and {@code jlvm} with standard input that is not a terminal. */
class ShellEntryTest {
    @TempDir
    Path tmp;

    private record Out(int rc, String out, String err) {
    }

    private Out shell(String stdin, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Map<String, String> env = Map.of("JLVM_HOME", tmp.resolve("home").toString(), "JLVM_LOCK_WAIT_MS", "300");
        PrintWriter out = new PrintWriter(o, true);
        PrintWriter err = new PrintWriter(e, true);
        Dispatcher d = new Dispatcher(out, err, env, null, false);
        assertTrue(ShellEntry.handles(d, "jlvm", args), "the shell takes jlvm " + String.join(" ", args));
        int rc = ShellEntry.run(args, env, out, err, new BufferedReader(new StringReader(stdin)), false);
        return new Out(rc, o.toString(), e.toString());
    }

    @Test
    void aScriptRunsItsLinesAndStopsAtTheFirstFailure() throws Exception {
        Path pv = tmp.resolve("pv0.img");
        Path script = tmp.resolve("make-vg");
        Files.writeString(script, String.join("\n",
                "#!/usr/bin/env jlvm",
                "# one VG, then a failing command: the last line never runs",
                "pvcreate --size 32m " + pv,
                "lvm vgcreate 'vg0' " + pv + "   # a leading lvm is ignored",
                "",
                "lvs vg0/missing",
                "lvcreate -L 4m -n never vg0",
                ""));
        Out r = shell("", script.toString());
        assertEquals(ExitCodes.FAILED, r.rc(), r.toString());
        assertTrue(r.out().contains("Volume group \"vg0\" successfully created"), r.out());
        assertTrue(r.err().contains("Failed to find logical volume \"vg0/missing\""), r.err());
        JlvmRunner.Result lvs = new JlvmRunner(tmp.resolve("home")).ok("lvs", "vg0");
        assertFalse(lvs.out().contains("never"), lvs.out());
    }

    @Test
    void aFileWithoutTheMagicIsNoCommand() throws Exception {
        Path notScript = tmp.resolve("plain");
        Files.writeString(notScript, "vgs\n");
        Path script = tmp.resolve("vgs");
        Files.writeString(script, "#!jlvm\nvgs\n");
        Dispatcher d = new Dispatcher(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertFalse(ShellEntry.handles(d, "jlvm", new String[] {notScript.toString()}));
        assertFalse(ShellEntry.handles(d, "jlvm", new String[] {"vgs"}), "a command wins over a file");
        assertFalse(ShellEntry.handles(d, "thin_check", new String[0]), "a link named like a tool is that tool");
        assertTrue(ShellEntry.handles(d, "jlvm", new String[] {script.toString()}));
        assertTrue(ShellEntry.handles(d, "jlvm", new String[0]));
    }

    @Test
    void pipedLinesAllRunWithoutPromptAndAnswerQuestions() {
        Path pv = tmp.resolve("pv0.img");
        Out r = shell(String.join("\n",
                "pvcreate --size 32m " + pv,
                "vgcreate vg0 " + pv,
                "lvcreate -L 4m -n lin vg0",
                "bogus",
                "echo $?",
                "vgremove vg0",
                "y",
                "vgs",
                ""));
        assertEquals(0, r.rc(), r.toString());
        assertTrue(r.err().contains("jlvm: no such command 'bogus'. Try 'jlvm help'."), r.err());
        assertTrue(r.out().contains("\n3\n"), "the status of bogus: " + r.out());
        assertTrue(r.err().contains("Do you really want to remove volume group \"vg0\""), r.err());
        assertTrue(r.out().contains("Volume group \"vg0\" successfully removed"), r.out());
        assertFalse(r.out().contains("lvm> ") || r.err().contains("lvm> "), "no prompt: " + r);
        assertFalse(r.out().contains("\u001b"), "no escape codes");
    }

    @Test
    void thePromptAndHistorySizeComeFromJlvmYaml() throws Exception {
        org.jlvm.cli.lvm.vg.LvmHome home = new org.jlvm.cli.lvm.vg.LvmHome(tmp.resolve("home"));
        org.jlvm.cli.shell.ShellSettings d = ShellEntry.settings(home);
        assertEquals("lvm> ", d.prompt(), "lvm's prompt without a jlvm.yaml");
        assertEquals(100, d.historySize());
        Files.createDirectories(tmp.resolve("home"));
        Files.writeString(tmp.resolve("home/jlvm.yaml"), "shell:\n  prompt: \"pools> \"\n  history_size: 7\n");
        org.jlvm.cli.shell.ShellSettings s = ShellEntry.settings(home);
        assertEquals("pools> ", s.prompt());
        assertEquals(7, s.historySize());
        assertEquals(d.historyFile(), s.historyFile());
    }
}
