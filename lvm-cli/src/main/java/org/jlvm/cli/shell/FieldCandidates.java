package org.jlvm.cli.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jlvm.cli.report.Field;
import org.jlvm.cli.report.Lvm2Fields;
import org.jlvm.cli.report.ReportType;

/**
 * Report field names from lvm2's field catalogue ({@link Lvm2Fields}) for {@code -o}/{@code -O} (comma lists,
 * each item with an optional {@code +}/{@code -} prefix) and {@code -S} (a field name after an operator). The
 * candidate keeps the part of the word before the field being typed, so jline's prefix match still holds.
 */
final class FieldCandidates {
    private static final String SELECTION_SEPARATORS = "&|,#!([{ ";

    private FieldCandidates() {
    }

    /** Candidates for the {@code -o}/{@code -O} value {@code word} of {@code command}. */
    static List<Candidate> list(String command, String word) {
        int comma = word.lastIndexOf(',');
        String base = word.substring(0, comma + 1);
        String item = word.substring(comma + 1);
        if (item.startsWith("+") || item.startsWith("-")) {
            base += item.charAt(0);
        }
        return candidates(command, base);
    }

    /** Candidates for the {@code -S} value {@code word}: a field name where one may start, nothing in a value. */
    static List<Candidate> selection(String command, String word) {
        int cut = -1;
        for (int i = 0; i < word.length(); i++) {
            if (SELECTION_SEPARATORS.indexOf(word.charAt(i)) >= 0) {
                cut = i;
            }
        }
        String item = word.substring(cut + 1);
        if (!item.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
            return List.of();
        }
        return candidates(command, word.substring(0, cut + 1));
    }

    private static List<Candidate> candidates(String command, String base) {
        List<Candidate> out = new ArrayList<>();
        for (Field<Object> f : type(command).fields()) {
            out.add(new Candidate(base + f.id(), f.id(), null, f.description(), null, null, false));
        }
        return out;
    }

    private static ReportType<Object> type(String command) {
        return switch (command) {
            case "vgs", "vgdisplay" -> Lvm2Fields.vgs();
            case "pvs", "pvdisplay" -> Lvm2Fields.pvs();
            default -> Lvm2Fields.lvs();
        };
    }
}
