package org.jlvm.cli.report;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses a selection ({@code -S}) with lvm2's grammar and messages ({@code libdm-report.c}):
 * <pre>
 *   or_ex  := and_ex (('||' | '#') and_ex)*
 *   and_ex := ex (('&amp;&amp;' | ',') ex)*
 *   ex     := '!' '(' or_ex ')' | '(' or_ex ')' | field op value
 * </pre>
 */
final class SelectionParser {

    /** A field a selection names, resolved to a report column. */
    record Target(int column, Field<?> field) {
    }

    /** Finds the column for a field name, adding a hidden one if needed; null when no field has the name. */
    interface Resolver {
        Target resolve(String name) throws ReportException;
    }

    private static final int AND = 1;
    private static final int OR = 2;
    private static final int NOT = 4;
    private static final int PS = 8;
    private static final int PE = 16;
    private static final int LS = 32;
    private static final int LE = 64;
    private static final int SUBSET_LS = 128;
    private static final int SUBSET_LE = 256;

    private static final String[] LOG_OPS = {"&&", ",", "||", "#", "!", "(", ")", "[", "]", "{", "}"};
    private static final int[] LOG_FLAGS = {AND, AND, OR, OR, NOT, PS, PE, LS, LE, SUBSET_LS, SUBSET_LE};

    private static final String[] CMP_OPS = {"=~", "!~", "=", "!=", ">=", ">", "<=", "<", "since", "after", "until",
        "before"};

    private static final String SYNTAX_AT = "Selection syntax error at '%s'.";
    private static final String HELP_REF = "Use 'help' for selection to get more help.";

    private final String s;
    private final Resolver resolver;
    private final Supplier<String> typedFields;
    private final ZoneId zone;

    private SelectionParser(String s, Resolver resolver, Supplier<String> typedFields, ZoneId zone) {
        this.s = s;
        this.resolver = resolver;
        this.typedFields = typedFields;
        this.zone = zone;
    }

    /**
     * Parses a whole selection.
     *
     * @param typedFields the field list with types, printed before some errors
     */
    static Condition parse(String selection, Resolver resolver, Supplier<String> typedFields, ZoneId zone)
            throws ReportException {
        SelectionParser p = new SelectionParser(selection, resolver, typedFields, zone);
        int[] next = new int[1];
        Condition c = p.orEx(0, next);
        int end = p.skipSpace(next[0]);
        if (end < selection.length()) {
            throw p.fail("", "Expecting logical operator\n" + String.format(SYNTAX_AT, selection.substring(end))
                + "\n" + HELP_REF);
        }
        return c;
    }

    private Condition orEx(int at, int[] next) throws ReportException {
        List<Condition> parts = new ArrayList<>();
        int pos = at;
        while (true) {
            parts.add(andEx(pos, next));
            int[] after = new int[1];
            if (logOp(next[0], after, OR) == 0) {
                break;
            }
            pos = after[0];
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private Condition andEx(int at, int[] next) throws ReportException {
        List<Condition> parts = new ArrayList<>();
        int pos = at;
        while (true) {
            parts.add(ex(pos, next));
            int[] after = new int[1];
            if (logOp(next[0], after, AND) == 0) {
                break;
            }
            pos = after[0];
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    private Condition ex(int at, int[] next) throws ReportException {
        int[] after = new int[1];
        int t = logOp(at, after, NOT | PS);
        if (t == NOT) {
            int[] p = new int[1];
            if (logOp(after[0], p, PS) == 0) {
                throw fail("", "Syntax error: left parenthesis expected at '" + s.substring(after[0]) + "'");
            }
            Condition inner = orEx(p[0], next);
            if (logOp(next[0], p, PE) == 0) {
                throw fail("", "Syntax error: right parenthesis expected at '" + s.substring(next[0]) + "'");
            }
            next[0] = p[0];
            return new Condition.Not(inner);
        }
        if (t == PS) {
            Condition inner = orEx(after[0], next);
            int[] p = new int[1];
            if (logOp(next[0], p, PE) == 0) {
                throw fail("", "Syntax error: right parenthesis expected at '" + s.substring(next[0]) + "'");
            }
            next[0] = p[0];
            return inner;
        }
        return item(skipSpace(at), next);
    }

    /** {@code field op value}. */
    private Condition item(int start, int[] next) throws ReportException {
        int ws = skipSpace(start);
        int we = ws;
        while (we < s.length() && (Character.isLetterOrDigit(s.charAt(we)) || s.charAt(we) == '_'
                || s.charAt(we) == '-')) {
            we++;
        }
        if (we == ws) {
            throw syntax(start, "", "Expecting field name");
        }
        String name = s.substring(ws, we);
        if (name.equals("help") || name.equals("?")) {
            throw syntax(start, typedFields.get(), "Selection field is uncomparable: " + name + ".");
        }
        Target target = resolver.resolve(name);
        if (target == null) {
            throw syntax(start, typedFields.get(), "Unrecognised selection field: " + name);
        }
        Field<?> f = target.field();
        ValueKind kind = f.kind();
        int opStart = skipSpace(we);
        String op = null;
        for (String o : CMP_OPS) {
            if (s.startsWith(o, opStart)) {
                op = o;
                break;
            }
        }
        if (op == null) {
            throw syntax(start, FieldHelp.selection(), "Unrecognised comparison operator: " + s.substring(we));
        }
        int v = opStart + op.length();
        if (op.equals("=~") || op.equals("!~")) {
            return regex(start, target, op.equals("!~"), v, next);
        }
        boolean ordering = !op.equals("=") && !op.equals("!=");
        boolean timeOnly = Character.isLetter(op.charAt(0));
        if (timeOnly && kind != ValueKind.TIME) {
            throw syntax(start, FieldHelp.selection(), "Operator can be used only with time fields: "
                + s.substring(ws));
        }
        if (ordering && !timeOnly && kind != ValueKind.NUMBER && kind != ValueKind.BINARY
                && kind != ValueKind.SIZE && kind != ValueKind.PERCENT && kind != ValueKind.TIME) {
            throw syntax(start, FieldHelp.selection(), "Operator can be used only with number, size, time or percent "
                + "fields: " + s.substring(ws));
        }
        Condition.Op cop = switch (op) {
            case "=" -> Condition.Op.EQ;
            case "!=" -> Condition.Op.NE;
            case ">", "after" -> Condition.Op.GT;
            case ">=", "since" -> Condition.Op.GE;
            case "<", "before" -> Condition.Op.LT;
            default -> Condition.Op.LE;
        };
        return value(start, target, cop, skipSpace(v), next);
    }

    private Condition regex(int start, Target target, boolean negate, int at, int[] next) throws ReportException {
        String id = target.field().id();
        int v = skipSpace(at);
        if (v >= s.length()) {
            throw syntax(start, "", "Regular expression expected for selection field " + id);
        }
        char c = switch (s.charAt(v)) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '"', '\'' -> s.charAt(v);
            default -> 0;
        };
        int[] range = stringToken(c != 0 ? v + 1 : v, c, AND | OR | PE, start,
            "Failed to parse regex value for selection field " + id + ".");
        next[0] = skipSpace(range[2]);
        if (target.field().kind() != ValueKind.STRING) {
            throw fail("", "dm_report: incompatible comparison type for selection field " + id);
        }
        try {
            return new Condition.Regex(target.column(), Pattern.compile(s.substring(range[0], range[1])), negate);
        } catch (PatternSyntaxException e) {
            throw fail("", "dm_report: failed to create regex matcher for selection field " + id);
        }
    }

    private Condition value(int start, Target target, Condition.Op op, int v, int[] next) throws ReportException {
        Field<?> f = target.field();
        String id = f.id();
        int col = target.column();
        switch (f.kind()) {
            case NUMBER, BINARY -> {
                Long reserved = reservedNumber(f, v, next);
                if (reserved != null) {
                    return new Condition.Number(col, op, reserved, false);
                }
            }
            default -> {
            }
        }
        switch (f.kind()) {
            case STRING -> {
                int[] r = quotedToken(v, start, "Failed to parse string value for selection field " + id + ".");
                next[0] = skipSpace(r[2]);
                return new Condition.Text(col, op, s.substring(r[0], r[1]));
            }
            case STRING_LIST -> {
                return stringList(start, target, op, v, next);
            }
            case TIME -> {
                int[] r = quotedToken(v, start, "Failed to parse time value for selection field " + id + ".");
                next[0] = skipSpace(r[2]);
                Long t = time(s.substring(r[0], r[1]));
                if (t == null) {
                    throw syntax(start, "", "Failed to parse time value for selection field " + id + ".");
                }
                return new Condition.Time(col, op, t);
            }
            default -> {
                return number(start, target, op, v, next);
            }
        }
    }

    private Long reservedNumber(Field<?> f, int v, int[] next) throws ReportException {
        int[] r;
        try {
            r = quotedToken(v, v, "");
        } catch (ReportException e) {
            return null;
        }
        String word = s.substring(r[0], r[1]);
        Long value = null;
        if (f.kind() == ValueKind.BINARY) {
            if (f.binaryNames().contains(word) || word.equals("yes")) {
                value = 1L;
            } else if (word.equals("no")) {
                value = 0L;
            }
        }
        if (value == null && List.of("-1", "unknown", "undefined", "undef").contains(word)) {
            value = Cell.UNDEFINED;
        }
        if (value != null) {
            next[0] = skipSpace(r[2]);
        }
        return value;
    }

    private Condition number(int start, Target target, Condition.Op op, int v, int[] next) throws ReportException {
        Field<?> f = target.field();
        ValueKind kind = f.kind();
        String id = f.id();
        int e = v;
        boolean dot = false;
        while (e < s.length() && (Character.isDigit(s.charAt(e)) || (!dot && s.charAt(e) == '.'))) {
            if (s.charAt(e) == '.') {
                dot = true;
            }
            e++;
        }
        if (e == v) {
            throw syntax(start, "", "Failed to parse numeric value for selection field " + id + ".");
        }
        String token = s.substring(v, e);
        String expected = kind == ValueKind.SIZE ? "size" : kind == ValueKind.PERCENT ? "percent" : "numeric";
        long factor = 0;
        int end = e;
        if (e < s.length() && s.charAt(e) == '%') {
            end++;
            if (kind != ValueKind.PERCENT) {
                throw syntax(start, "", "Found percent value but " + expected + " value expected for selection field "
                    + id + ".");
            }
        } else {
            UnitFactor u = Character.isDigit(e < s.length() ? s.charAt(e) : ' ') ? null : UnitFactor.parse(s, e);
            if (u != null) {
                end = u.end();
                factor = u.factor();
                if (kind != ValueKind.SIZE) {
                    throw syntax(start, "", "Found size unit specifier but " + expected
                        + " value expected for selection field " + id + ".");
                }
            } else if (kind == ValueKind.SIZE) {
                factor = 1L << 20;
            }
        }
        next[0] = skipSpace(end);
        double d = Double.parseDouble(token.equals(".") ? "0" : token);
        return switch (kind) {
            case SIZE -> new Condition.Size(target.column(), op, d * factor / 512);
            case PERCENT -> {
                if (d < 0 || d > 100) {
                    throw fail("", "Field selection value " + token + " out of supported range for field " + id
                        + ".");
                }
                yield new Condition.Number(target.column(), op, (long) (int) (Percent.ONE * d), true);
            }
            default -> {
                int dotAt = token.indexOf('.');
                String whole = dotAt < 0 ? token : token.substring(0, dotAt);
                try {
                    yield new Condition.Number(target.column(), op, whole.isEmpty() ? 0 : Long.parseUnsignedLong(whole),
                        false);
                } catch (NumberFormatException x) {
                    throw fail("", "Field selection value " + token + " out of supported range for field " + id
                        + ".");
                }
            }
        };
    }

    private Condition stringList(int start, Target target, Condition.Op op, int v, int[] next)
            throws ReportException {
        String id = target.field().id();
        String failed = "Failed to parse string list value for selection field " + id + ".";
        boolean negate = op == Condition.Op.NE;
        int[] after = new int[1];
        int open = logOp(v, after, LS | SUBSET_LS);
        if (open == 0) {
            int[] r = quotedToken(v, start, failed);
            next[0] = skipSpace(r[2]);
            return new Condition.StringList(target.column(), negate, List.of(s.substring(r[0], r[1])), false, false);
        }
        int expectedEnd = open == LS ? LE : SUBSET_LE;
        int ops = LE | SUBSET_LE | AND | OR;
        int type = 0;
        List<String> items = new ArrayList<>();
        int pos = skipSpace(v) + 1;
        boolean ended = false;
        while (pos < s.length()) {
            pos = skipSpace(pos);
            char q = pos < s.length() && (s.charAt(pos) == '"' || s.charAt(pos) == '\'') ? s.charAt(pos) : 0;
            int[] r = stringToken(q != 0 ? pos + 1 : pos, q, ops, start, failed);
            pos = skipSpace(r[2]);
            int hit = logOp(pos, after, ops);
            if (hit == 0) {
                throw syntax(start, "", "Invalid operator in selection list.\n" + failed);
            }
            boolean listEnd = (hit & (LE | SUBSET_LE)) != 0;
            if (listEnd && hit != expectedEnd) {
                throw syntax(start, "", "List ended with incorrect character, expecting '"
                    + (expectedEnd == LE ? "]" : "}") + "'.\n" + failed);
            }
            if (type != 0) {
                if (!listEnd && (type & hit) == 0) {
                    throw syntax(start, "", "Only one type of logical operator allowed in selection list at a time.\n"
                        + failed);
                }
            } else {
                type = listEnd ? (expectedEnd == LE ? AND : OR) : hit;
            }
            items.add(s.substring(r[0], r[1]));
            pos = after[0];
            if (listEnd) {
                ended = true;
                break;
            }
        }
        if (!ended) {
            throw syntax(start, "", "Missing list end for selection field " + id + "\n" + failed);
        }
        next[0] = skipSpace(pos);
        items.sort(null);
        return new Condition.StringList(target.column(), negate, List.copyOf(items), type == AND,
            expectedEnd == SUBSET_LE);
    }

    /** A value that may be quoted with ' or ": {begin, end, next}. */
    private int[] quotedToken(int v, int start, String failed) throws ReportException {
        char q = v < s.length() && (s.charAt(v) == '"' || s.charAt(v) == '\'') ? s.charAt(v) : 0;
        return stringToken(q != 0 ? v + 1 : v, q, AND | OR | PE, start, failed);
    }

    /** lvm's {@code _tok_value_string}: to the closing quote, or to a space or one of the given operators. */
    private int[] stringToken(int at, char endChar, int endOps, int start, String failed) throws ReportException {
        int i = at;
        if (endChar != 0) {
            while (i < s.length() && s.charAt(i) != endChar) {
                i++;
            }
            if (i >= s.length()) {
                throw syntax(start, "", "Missing end quote." + (failed.isEmpty() ? "" : "\n" + failed));
            }
            return new int[] {at, i, i + 1};
        }
        while (i < s.length()) {
            if (s.charAt(i) == ' ' || opAt(i, endOps) != 0) {
                break;
            }
            i++;
        }
        return new int[] {at, i, i};
    }

    private int opAt(int i, int expect) {
        for (int k = 0; k < LOG_OPS.length; k++) {
            if ((LOG_FLAGS[k] & expect) != 0 && s.startsWith(LOG_OPS[k], i)) {
                return LOG_FLAGS[k];
            }
        }
        return 0;
    }

    /** lvm's {@code _tok_op_log}: skips spaces, then the first operator of the expected kinds. */
    private int logOp(int at, int[] end, int expect) {
        int i = skipSpace(at);
        for (int k = 0; k < LOG_OPS.length; k++) {
            if ((LOG_FLAGS[k] & expect) != 0 && s.startsWith(LOG_OPS[k], i)) {
                end[0] = i + LOG_OPS[k].length();
                return LOG_FLAGS[k];
            }
        }
        end[0] = i;
        return 0;
    }

    private int skipSpace(int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private Long time(String text) {
        if (text.startsWith("@")) {
            try {
                return Long.parseLong(text.substring(1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        String[] patterns = {"yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm"};
        for (String p : patterns) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(p, Locale.ROOT)).atZone(zone)
                    .toEpochSecond();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private ReportException syntax(int start, String out, String message) {
        return fail(out, message + "\n" + String.format(SYNTAX_AT, s.substring(start)) + "\n" + HELP_REF);
    }

    private ReportException fail(String out, String message) {
        return new ReportException(out, message, 5);
    }
}
