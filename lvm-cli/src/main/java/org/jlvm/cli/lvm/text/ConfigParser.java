package org.jlvm.cli.lvm.text;

import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.lvm.text.ConfigNode.Section;
import org.jlvm.cli.lvm.text.ConfigNode.Setting;
import org.jlvm.cli.lvm.text.ConfigTokenizer.Kind;
import org.jlvm.cli.lvm.text.ConfigTokenizer.Token;

/**
 * Parses lvm's config syntax (the VG metadata text, backup files, lvm.conf): sections {@code name { ... }},
 * settings {@code key = value} with integers, floats, strings and arrays, {@code #} comments. A comment on the
 * same line after a value is kept on its setting.
 */
public final class ConfigParser {
    private final ConfigTokenizer tokens;
    private Token current;
    /** The line on which the last consumed token ended. */
    private int lastLine;

    private ConfigParser(String text) throws ConfigSyntaxException {
        this.tokens = new ConfigTokenizer(text);
        this.current = tokens.next();
    }

    /** Parses a whole text into a root section named "". */
    public static Section parse(String text) throws ConfigSyntaxException {
        ConfigParser p = new ConfigParser(text);
        List<ConfigNode> items = p.items();
        if (p.current.kind() != Kind.END) {
            throw p.error("unexpected '" + p.current.text() + "'");
        }
        return new Section("", items);
    }

    private List<ConfigNode> items() throws ConfigSyntaxException {
        List<ConfigNode> items = new ArrayList<>();
        while (true) {
            skipComments();
            if (current.kind() != Kind.WORD) {
                return items;
            }
            Token name = current;
            advance();
            skipComments();
            if (current.kind() == Kind.OPEN_BRACE) {
                advance();
                List<ConfigNode> children = items();
                skipComments();
                expect(Kind.CLOSE_BRACE, "'}' to close section " + name.text());
                items.add(new Section(name.text(), children));
            } else if (current.kind() == Kind.EQUALS) {
                advance();
                skipComments();
                ConfigValue value = value();
                String comment = null;
                if (current.kind() == Kind.COMMENT && current.line() == lastLine) {
                    comment = current.text();
                    advance();
                }
                items.add(new Setting(name.text(), value, comment));
            } else {
                throw error("expected '=' or '{' after '" + name.text() + "', found '" + current.text() + "'");
            }
        }
    }

    private ConfigValue value() throws ConfigSyntaxException {
        Token t = current;
        switch (t.kind()) {
            case STRING -> {
                advance();
                return new ConfigValue.StringValue(t.text());
            }
            case WORD -> {
                advance();
                return number(t);
            }
            case OPEN_BRACKET -> {
                advance();
                List<ConfigValue> items = new ArrayList<>();
                skipComments();
                while (current.kind() != Kind.CLOSE_BRACKET) {
                    items.add(value());
                    skipComments();
                    if (current.kind() == Kind.COMMA) {
                        advance();
                        skipComments();
                    } else if (current.kind() != Kind.CLOSE_BRACKET) {
                        throw error("expected ',' or ']' in array, found '" + current.text() + "'");
                    }
                }
                advance();
                return new ConfigValue.ArrayValue(items);
            }
            default -> throw error("expected a value, found '" + t.text() + "'");
        }
    }

    private ConfigValue number(Token t) throws ConfigSyntaxException {
        String s = t.text();
        if (isInteger(s)) {
            try {
                return new ConfigValue.IntValue(Long.parseLong(s));
            } catch (NumberFormatException e) {
                throw new ConfigSyntaxException(t.line(), t.column(), "integer " + s + " does not fit in 64 bits");
            }
        }
        if (isDecimal(s)) {
            return new ConfigValue.FloatValue(s);
        }
        throw new ConfigSyntaxException(t.line(), t.column(), "expected a number, string or array, found '" + s + "'");
    }

    /** {@code [+-]?[0-9]+} (no regular expression: a VG's text has tens of thousands of numbers). */
    private static boolean isInteger(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        return i < s.length() && digits(s, i, s.length());
    }

    /** {@code [+-]?[0-9]*\.[0-9]+}. */
    private static boolean isDecimal(String s) {
        int i = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        int dot = s.indexOf('.', i);
        return dot >= 0 && dot + 1 < s.length() && digits(s, i, dot) && digits(s, dot + 1, s.length());
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private void skipComments() throws ConfigSyntaxException {
        while (current.kind() == Kind.COMMENT) {
            advance();
        }
    }

    private void expect(Kind kind, String what) throws ConfigSyntaxException {
        if (current.kind() != kind) {
            throw error("expected " + what + ", found "
                    + (current.kind() == Kind.END ? "end of text" : "'" + current.text() + "'"));
        }
        advance();
    }

    private void advance() throws ConfigSyntaxException {
        int newlines = 0;
        if (current.kind() == Kind.STRING) {
            String t = current.text();
            for (int i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) {
                newlines++;
            }
        }
        lastLine = current.line() + newlines;
        current = tokens.next();
    }

    private ConfigSyntaxException error(String problem) {
        return new ConfigSyntaxException(current.line(), current.column(), problem);
    }
}
