package org.jlvm.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines split as lvm's lvm_split splits them (tools/lvm.c), for the shell, scripts and piped input alike. */
class LineSplitterTest {
    private static List<String> split(String line) {
        return LineSplitter.texts(LineSplitter.split(line));
    }

    @Test
    void whiteSpaceSeparatesWords() {
        assertEquals(List.of("lvcreate", "-L", "10m", "vg0"), split("  lvcreate\t-L 10m   vg0  "));
        assertEquals(List.of(), split("   "));
    }

    @Test
    void aQuoteAtTheStartOfAWordRunsToTheMatchingQuoteWithoutEscapes() {
        assertEquals(List.of("lvs", "-S", "lv_name=thin1 && data_percent>0"),
                split("lvs -S 'lv_name=thin1 && data_percent>0'"));
        assertEquals(List.of("echo", "a 'b' c"), split("echo \"a 'b' c\""));
        assertEquals(List.of("a\\", "b"), split("'a\\' b"));
        // the closing quote ends the word; the next one starts right after it
        assertEquals(List.of("x", "y"), split("'x'y"));
        // a quote inside a word is an ordinary character
        assertEquals(List.of("it's", "here"), split("it's here"));
        // an unclosed quote runs to the end of the line
        assertEquals(List.of("vgs", "a b c"), split("vgs 'a b c"));
    }

    @Test
    void aHashAtTheStartOfAWordStartsAComment() {
        assertEquals(List.of("vgs"), split("vgs # all of them"));
        assertEquals(List.of(), split("#!/usr/bin/jlvm"));
        assertEquals(List.of("vgs", "a#b"), split("vgs a#b"));
        assertEquals(List.of("vgs", "#x"), split("vgs '#x'"));
    }

    @Test
    void wordsKnowWhereTheyAreInTheLine() {
        List<LineSplitter.Word> words = LineSplitter.split("lvs  'a b' c");
        assertEquals(new LineSplitter.Word("a b", 5, 10, '\''), words.get(1));
        assertEquals(new LineSplitter.Word("c", 11, 12, (char) 0), words.get(2));
    }
}
