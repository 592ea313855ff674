package org.jlvm.cli.shell;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Parser;

/**
 * jline's view of {@link LineSplitter}: the words of the line and the one under the cursor, for completion.
 * Never asks for a continuation line (lvm has none: an unclosed quote runs to the end of the line) and knows
 * no escape character.
 */
final class LvmLineParser implements Parser {
    @Override
    public CompletingParsedLine parse(String line, int cursor, ParseContext context) {
        List<LineSplitter.Word> split = LineSplitter.split(line);
        List<String> words = new ArrayList<>(LineSplitter.texts(split));
        for (int i = 0; i < split.size(); i++) {
            LineSplitter.Word w = split.get(i);
            if (cursor >= w.start() && cursor <= w.end() && !(w.quoted() && cursor == w.start())) {
                int inner = w.quoted() ? w.start() + 1 : w.start();
                int wordCursor = Math.max(0, Math.min(w.text().length(), cursor - inner));
                return new Line(line, cursor, words, i, wordCursor, cursor - w.start(), w.end() - w.start(),
                        w.quote());
            }
            if (cursor < w.start()) {
                words.add(i, "");
                return new Line(line, cursor, words, i, 0, 0, 0, (char) 0);
            }
        }
        words.add("");
        return new Line(line, cursor, words, words.size() - 1, 0, 0, 0, (char) 0);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The parsed line; candidates with white space are quoted as lvm reads them back. */
    record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor, int rawWordCursor,
            int rawWordLength, char quote) implements CompletingParsedLine {
        Line {
            words = List.copyOf(words);
        }

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            char q = quote;
            if (q == 0 && candidate.chars().anyMatch(Character::isWhitespace)) {
                q = candidate.toString().indexOf('\'') < 0 ? '\'' : '"';
            }
            if (q == 0) {
                return candidate;
            }
            return q + candidate.toString() + (complete ? String.valueOf(q) : "");
        }
    }
}
