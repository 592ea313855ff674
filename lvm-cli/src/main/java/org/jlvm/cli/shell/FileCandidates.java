package org.jlvm.cli.shell;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** File names for a partly typed path, relative to the shell's working directory; directories end in {@code /}. */
final class FileCandidates {
    private static final int LIMIT = 500;

    private FileCandidates() {
    }

    static List<org.jline.reader.Candidate> of(Path cwd, String word, String group) {
        int slash = word.lastIndexOf('/');
        String dirPart = word.substring(0, slash + 1);
        String namePart = word.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? cwd : cwd.resolve(dirPart);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(namePart) && (namePart.startsWith(".") || !name.startsWith("."))) {
                    names.add(Files.isDirectory(p) ? name + "/" : name);
                }
                if (names.size() >= LIMIT) {
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        names.sort(null);
        List<org.jline.reader.Candidate> out = new ArrayList<>();
        for (String n : names) {
            boolean directory = n.endsWith("/");
            out.add(new org.jline.reader.Candidate(dirPart + n, n, group, null, null, null, !directory));
        }
        return out;
    }
}
