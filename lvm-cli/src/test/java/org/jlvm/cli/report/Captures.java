package org.jlvm.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.testing.TestData;

/** The recorded lvm2 sessions in {@code testdata/lvm-captures}: blocks of {@code # command}, output, {@code [exit N]}. */
final class Captures {

    /** One recorded command: its merged output and exit code. */
    record Block(String command, String output, int exit) {
    }

    private Captures() {
    }

    static List<Block> load(String file) throws IOException {
        String text = Files.readString(TestData.dir("lvm-captures").resolve(file), StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        String command = null;
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (command == null) {
                if (line.startsWith("# ")) {
                    command = line.substring(2);
                    out.setLength(0);
                }
            } else if (line.startsWith("[exit ") && line.endsWith("]")) {
                blocks.add(new Block(command, out.toString(),
                    Integer.parseInt(line.substring(6, line.length() - 1))));
                command = null;
            } else {
                out.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** The {@code n}th (from 0) block recorded for exactly this command. */
    static Block find(String file, String command, int n) throws IOException {
        int seen = 0;
        for (Block b : load(file)) {
            if (b.command().equals(command) && seen++ == n) {
                return b;
            }
        }
        throw new IllegalArgumentException(file + " has no block " + n + " for: " + command);
    }

    static Block find(String file, String command) throws IOException {
        return find(file, command, 0);
    }

    static String file(String file) throws IOException {
        return Files.readString(TestData.dir("lvm-captures").resolve(file), StandardCharsets.UTF_8);
    }
}
