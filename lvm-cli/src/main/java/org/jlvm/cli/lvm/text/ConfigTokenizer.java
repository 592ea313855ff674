package org.jlvm.cli.lvm.text;

/**
 * Splits lvm config text into tokens: punctuation ({@code = { } [ ] ,}), quoted strings, comments and words
 * (identifiers and numbers; the parser decides which from the position). Tracks line and column for errors.
 */
final class ConfigTokenizer {
    enum Kind { EQUALS, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, COMMA, STRING, WORD, COMMENT, END }

    /** A token; {@code text} is the unescaped string, the word, or the comment without {@code #} and one space. */
    record Token(Kind kind, String text, int line, int column) {
    }

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    ConfigTokenizer(String text) {
        this.text = text;
    }

    Token next() throws ConfigSyntaxException {
        skipWhitespace();
        int tokLine = line;
        int tokColumn = pos - lineStart + 1;
        if (pos >= text.length()) {
            return new Token(Kind.END, "", tokLine, tokColumn);
        }
        char c = text.charAt(pos);
        Kind punct = switch (c) {
            case '=' -> Kind.EQUALS;
            case '{' -> Kind.OPEN_BRACE;
            case '}' -> Kind.CLOSE_BRACE;
            case '[' -> Kind.OPEN_BRACKET;
            case ']' -> Kind.CLOSE_BRACKET;
            case ',' -> Kind.COMMA;
            default -> null;
        };
        if (punct != null) {
            pos++;
            return new Token(punct, String.valueOf(c), tokLine, tokColumn);
        }
        if (c == '#') {
            int end = text.indexOf('\n', pos);
            end = end < 0 ? text.length() : end;
            String comment = text.substring(pos + 1, end);
            pos = end;
            return new Token(Kind.COMMENT, comment.startsWith(" ") ? comment.substring(1) : comment, tokLine,
                    tokColumn);
        }
        if (c == '"') {
            return new Token(Kind.STRING, doubleQuoted(tokLine, tokColumn), tokLine, tokColumn);
        }
        if (c == '\'') {
            int end = text.indexOf('\'', pos + 1);
            if (end < 0) {
                throw new ConfigSyntaxException(tokLine, tokColumn, "unterminated string");
            }
            String s = text.substring(pos + 1, end);
            advanceTo(end + 1);
            return new Token(Kind.STRING, s, tokLine, tokColumn);
        }
        int start = pos;
        while (pos < text.length() && !isDelimiter(text.charAt(pos))) {
            pos++;
        }
        return new Token(Kind.WORD, text.substring(start, pos), tokLine, tokColumn);
    }

    private String doubleQuoted(int tokLine, int tokColumn) throws ConfigSyntaxException {
        StringBuilder b = new StringBuilder();
        int i = pos + 1;
        while (true) {
            if (i >= text.length()) {
                throw new ConfigSyntaxException(tokLine, tokColumn, "unterminated string");
            }
            char c = text.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < text.length()) {
                i++;
                c = text.charAt(i);
            }
            b.append(c);
            i++;
        }
        advanceTo(i + 1);
        return b.toString();
    }

    private void advanceTo(int end) {
        for (; pos < end; pos++) {
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || "#={}[],\"'".indexOf(c) >= 0;
    }
}
