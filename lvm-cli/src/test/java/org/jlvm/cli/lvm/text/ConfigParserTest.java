package org.jlvm.cli.lvm.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jlvm.cli.lvm.text.ConfigNode.Section;
import org.jlvm.cli.lvm.text.ConfigNode.Setting;
import org.jlvm.cli.lvm.text.ConfigValue.ArrayValue;
import org.jlvm.cli.lvm.text.ConfigValue.FloatValue;
import org.jlvm.cli.lvm.text.ConfigValue.IntValue;
import org.jlvm.cli.lvm.text.ConfigValue.StringValue;
import org.junit.jupiter.api.Test;

/** lvm's config syntax: sections, settings, values, comments, errors with positions. */
class ConfigParserTest {
    @Test
    void sectionsSettingsAndValues() throws Exception {
        Section root = ConfigParser.parse("""
                # leading comment
                a = 1
                b=-42 # trailing
                vg {
                \tid = "x\\"y\\\\z"
                \tlist = [ "a", 'b c', 3, ]
                \tempty = []
                \tf = 0.5
                \tinner{ k = +7 }
                }
                """);
        assertEquals(new Setting("a", new IntValue(1), null), root.children().get(0));
        assertEquals(new Setting("b", new IntValue(-42), "trailing"), root.children().get(1));
        Section vg = root.section("vg").orElseThrow();
        assertEquals(new StringValue("x\"y\\z"), vg.setting("id").orElseThrow().value());
        assertEquals(new ArrayValue(List.of(new StringValue("a"), new StringValue("b c"), new IntValue(3))),
                vg.setting("list").orElseThrow().value());
        assertEquals(new ArrayValue(List.of()), vg.setting("empty").orElseThrow().value());
        assertEquals(new FloatValue("0.5"), vg.setting("f").orElseThrow().value());
        assertEquals(new IntValue(7), vg.section("inner").orElseThrow().setting("k").orElseThrow().value());
        assertNull(vg.setting("id").orElseThrow().comment());
    }

    @Test
    void commentOnTheNextLineIsNotTheSettingsComment() throws Exception {
        Section root = ConfigParser.parse("a = \"v\"\n# not mine\nb = 2\t# mine\n");
        assertNull(root.setting("a").orElseThrow().comment());
        assertEquals("mine", root.setting("b").orElseThrow().comment());
    }

    @Test
    void errorsSayWhere() {
        ConfigSyntaxException e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("a {\n b = \n}"));
        assertEquals("metadata text line 3 column 1: expected a value, found '}'", e.getMessage());
        e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("a {\n b = 1\n"));
        assertEquals("metadata text line 3 column 1: expected '}' to close section a, found end of text",
                e.getMessage());
        e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("s = \"open"));
        assertEquals("metadata text line 1 column 5: unterminated string", e.getMessage());
        e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("n = 99999999999999999999"));
        assertEquals("metadata text line 1 column 5: integer 99999999999999999999 does not fit in 64 bits",
                e.getMessage());
        e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("x = [1 2]"));
        assertEquals("metadata text line 1 column 8: expected ',' or ']' in array, found '2'", e.getMessage());
        e = assertThrows(ConfigSyntaxException.class, () -> ConfigParser.parse("x y"));
        assertEquals("metadata text line 1 column 3: expected '=' or '{' after 'x', found 'y'", e.getMessage());
    }
}
