package org.jlvm.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.ShellFixture;
import org.jlvm.cli.lvm.vg.LvmHome;
import org.jlvm.pool.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tab completion on the real commands' models and a real VG (a pool, a thin LV, its snapshot and a linear LV):
 * what is offered for a line typed up to the cursor, as jline would keep it (matching the word typed).
 */
class ShellCompleterTest {
    @TempDir
    static Path tmp;

    private static ShellCompleter completer;
    private static Path pv;

    @BeforeAll
    static void volumes() throws Exception {
        Path home = tmp.resolve("home");
        JlvmRunner jlvm = new JlvmRunner(home);
        pv = tmp.resolve("pv0.img");
        jlvm.ok("pvcreate", "--size", "64m", pv.toString());
        jlvm.ok("vgcreate", "vg0", pv.toString());
        jlvm.ok("lvcreate", "--type", "thin-pool", "-L", "16m", "-n", "pool", "vg0");
        jlvm.ok("lvcreate", "-V", "32m", "-T", "vg0/pool", "-n", "thin1");
        jlvm.ok("lvcreate", "-s", "vg0/thin1", "-n", "snap1");
        jlvm.ok("lvcreate", "-L", "4m", "-n", "lin", "vg0");
        Files.createFile(tmp.resolve("disk-a.img"));
        Files.createDirectory(tmp.resolve("disks"));
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        CommandSet real = ShellFixture.commands(Map.of("JLVM_HOME", home.toString()), sink, sink);
        completer = new ShellCompleter(withLvchange(real), new OnDiskVolumeNames(new LvmHome(home)),
                lv -> lv.name().equals("thin1"), tmp);
    }

    /**
     * The real commands plus an lvchange model for the activation filter, and lvs with {@code -S} (both are being
     * built elsewhere).
     */
    private static CommandSet withLvchange(CommandSet real) {
        CommandModel lvchange = new CommandModel("lvchange", "change LVs", List.of(
                new CommandModel.OptionModel(List.of("-a", "--activate"), true, "y|n", "", List.of("y", "n"))),
                List.of(new CommandModel.PositionalModel(0, Integer.MAX_VALUE, "VG|VG/LV")));
        return new CommandSet() {
            @Override
            public List<CommandModel.Summary> commands() {
                return real.commands();
            }

            @Override
            public Optional<CommandModel> model(String name) {
                if (name.equals("lvchange")) {
                    return Optional.of(lvchange);
                }
                return real.model(name).map(m -> name.equals("lvs") && m.option("-S").isEmpty() ? withSelect(m) : m);
            }

            @Override
            public int run(List<String> words, BufferedReader input, boolean interactive) {
                throw new AssertionError("completion runs nothing");
            }
        };
    }

    private static CommandModel withSelect(CommandModel m) {
        List<CommandModel.OptionModel> options = new java.util.ArrayList<>(m.options());
        options.add(new CommandModel.OptionModel(List.of("-S", "--select"), true, "String", "", List.of()));
        return new CommandModel(m.name(), m.summary(), options, m.positionals());
    }

    /** The candidates jline would keep for {@code typed} (the cursor at its end). */
    private static List<String> complete(String typed) {
        LvmLineParser.Line line = (LvmLineParser.Line) new LvmLineParser().parse(typed, typed.length(),
                org.jline.reader.Parser.ParseContext.COMPLETE);
        return completer.candidates(line.words(), line.wordIndex()).stream().map(Candidate::value)
                .filter(v -> v.startsWith(line.word())).toList();
    }

    @Test
    void commandNames() {
        assertEquals(List.of("lvchange", "lvconvert", "lvcreate"), complete("lvc").stream().sorted().toList());
        assertEquals(List.of("lvcreate"), complete("lvcr"));
        assertTrue(complete("").containsAll(List.of("lvs", "vgs", "thin_check", "vdostats", "exit", "help")));
        assertEquals(List.of("thin_check"), complete("lvm thin_ch"));
        assertEquals(List.of("lvcreate"), complete("help lvcr"));
    }

    @Test
    void optionsOfTheCommandTyped() {
        assertEquals(List.of("--thin", "--thinpool"), complete("lvcreate --thin").stream().sorted().toList());
        List<String> all = complete("lvs -");
        assertTrue(all.containsAll(List.of("-o", "--options", "-a", "--all", "--units")), all.toString());
        assertFalse(all.contains("--thinpool"), all.toString());
    }

    @Test
    void valuesOfAnOptionWithAClosedList() {
        assertEquals(List.of("passdown", "nopassdown", "ignore"), complete("lvcreate --discards "));
        assertEquals(List.of("thin-pool", "thin"), complete("lvcreate -L 8m --type th"));
        assertEquals(List.of("--type=thin-pool", "--type=thin"), complete("lvcreate --type=th"));
        assertTrue(complete("lvs --units ").containsAll(List.of("r", "h", "m", "G")));
    }

    @Test
    void reportFieldsAfterACommaAndAfterPlusOrMinus() {
        assertEquals(List.of("lv_name,data_percent"), complete("lvs -o lv_name,data_perc"));
        assertEquals(List.of("+thin_id"), complete("lvs -o +thin_i"));
        assertEquals(List.of("-lv_attr"), complete("lvs --options -lv_att"));
        assertTrue(complete("vgs -o vg_f").contains("vg_free"));
        assertEquals(List.of("lv_name=x&&data_percent"), complete("lvs -S lv_name=x&&data_perc"));
        assertEquals(List.of(), complete("lvs -S lv_name=thi"));
    }

    @Test
    void lvNamesFilteredByWhatFits() {
        assertEquals(Set.of("vg0/pool", "vg0/snap1", "vg0/thin1", "vg0/lin"), Set.copyOf(complete("lvremove vg0/")));
        assertEquals(Set.of("vg0/thin1", "vg0/snap1"), Set.copyOf(complete("lvcreate -s vg0/")));
        assertEquals(List.of("vg0", "vg0/pool"), complete("lvcreate -V 8m -T vg"));
        assertEquals(List.of("vg0/pool"), complete("lvcreate -V 8m --thinpool v"));
        assertEquals(List.of("vg0/thin1"), complete("lvchange -an vg0/"));
        assertEquals(List.of("vg0/thin1"), complete("lvchange -a n "));
        assertEquals(4, complete("lvchange -ay vg0/").size(), "every visible LV when activating");
        assertEquals(List.of("vg0"), complete("vgs v"));
    }

    @Test
    void pvPathsKnownPvsFirstThenFiles() {
        List<String> pvs = complete("pvcreate ");
        assertEquals(pv.toString(), pvs.get(0));
        assertTrue(pvs.containsAll(List.of("disk-a.img", "disks/")), pvs.toString());
        assertEquals(List.of("disk-a.img", "disks/"), complete("vgcreate vg1 dis"));
        assertEquals(List.of(), complete("vgcreate vg"));
    }

    /**
     * Against the recorded lvm shell session (lvm2 2.03.16): the options offered for {@code lvcreate --thin} are
     * lvm's, and every {@code lv...} command lvm offers that jlvm has is offered, and nothing lvm lacks.
     */
    @Test
    void sameCandidatesAsTheRecordedLvmShell() throws Exception {
        List<String> capture = Files.readAllLines(TestData.dir("lvm-captures").resolve("lvm-shell-session.txt"));
        assertEquals(Set.of("--thin", "--thinpool"), listed(capture, "lvcreate --thin"));
        Set<String> lvm = listed(capture, "lv");
        assertEquals(18, lvm.size(), lvm.toString());
        Set<String> ours = Set.copyOf(complete("lv"));
        assertTrue(lvm.containsAll(ours), ours + " not all in " + lvm);
        for (String name : lvm) {
            assertEquals(completer.candidates(List.of(name), 0).stream().anyMatch(c -> c.value().equals(name)),
                    ours.contains(name), name);
        }
    }

    /** The words lvm listed after {@code typed} and two Tabs. */
    private static Set<String> listed(List<String> capture, String typed) {
        int i = capture.indexOf(">>> SENT '" + typed + "\\t\\t'");
        assertTrue(i >= 0, typed + " is not in the capture");
        Set<String> words = new java.util.TreeSet<>();
        for (int j = i + 2; !capture.get(j).startsWith("lvm> "); j++) {
            words.addAll(List.of(capture.get(j).trim().split("\\s+")));
        }
        return words;
    }
}
