package org.jlvm.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line as lvm's {@code lvm_split} does, so that the shell, {@code jlvm FILE} scripts and piped
 * input read the same line the same way: words are separated by white space; a word that starts with {@code '}
 * or {@code "} runs to the matching quote (no escapes; an unclosed quote runs to the end of the line) and the
 * next word starts right after it; a word that starts with {@code #} starts a comment. Quotes inside a word
 * are ordinary characters.
 */
final class LineSplitter {
    /** lvm's MAX_ARGS: a line of this many words or more is refused. */
    static final int MAX_WORDS = 64;

    /**
     * One word: its text without the quotes, and where it is in the line: {@code start} is the first character
     * of the raw word (the opening quote, if any), {@code end} one past its last (past the closing quote).
     */
    record Word(String text, int start, int end, char quote) {
        boolean quoted() {
            return quote != 0;
        }
    }

    private LineSplitter() {
    }

    /** The words of {@code line}; comments and the text after them are dropped. */
    static List<Word> split(String line) {
        List<Word> words = new ArrayList<>();
        int n = line.length();
        int b = 0;
        while (b < n) {
            while (b < n && Character.isWhitespace(line.charAt(b))) {
                b++;
            }
            if (b >= n || line.charAt(b) == '#') {
                break;
            }
            int start = b;
            char quote = 0;
            if (line.charAt(b) == '\'' || line.charAt(b) == '"') {
                quote = line.charAt(b);
                b++;
            }
            int e = b;
            while (e < n && (quote != 0 ? line.charAt(e) != quote : !Character.isWhitespace(line.charAt(e)))) {
                e++;
            }
            int end = quote != 0 && e < n ? e + 1 : e;
            words.add(new Word(line.substring(b, e), start, end, quote));
            b = end;
        }
        return words;
    }

    /** The words' texts. */
    static List<String> texts(List<Word> words) {
        return words.stream().map(Word::text).toList();
    }
}
