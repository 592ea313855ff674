package org.jlvm.cli.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The report engine behind {@code lvs}, {@code vgs} and {@code pvs}: picks the columns ({@code -o}), sorts
 * ({@code -O}), selects ({@code -S}) and prints rows of type {@code R} the way lvm2 2.03.16 does.
 *
 * <p>Output is written with lvm's two-space indent on every line: the report, help lists and warnings to
 * standard output, error messages to standard error. Exit codes are lvm's: 0, 3 for an invalid option string, 5
 * for an unknown field or a bad selection.
 *
 * @param <R> the row type
 */
public final class Report<R> {

    private static final Field<Object> SELECTED = Field.of("selected", "Selected", 8, ValueKind.NUMBER,
        "Set if item passes selection criteria.", r -> null);

    private final ReportType<R> type;

    public Report(ReportType<R> type) {
        this.type = type;
    }

    /**
     * Reports {@code rows} (in the order their source lists them; sorting is stable) and returns the exit code.
     */
    public int print(List<R> rows, ReportOptions options, PrintWriter out, PrintWriter err) {
        try {
            out.print(render(rows, options));
            out.flush();
            return 0;
        } catch (ReportException e) {
            out.print(e.outText());
            out.flush();
            for (String line : e.getMessage().split("\n")) {
                err.print("  " + line + "\n");
            }
            err.flush();
            return e.exitCode();
        }
    }

    /**
     * The ids of the fields the options name: the columns of {@code -o} (with {@code PREFIXall} expanded), the
     * sort keys and the field names in the selection. For a command that must know before it makes its rows
     * (lvm reports one row per segment when a segment field is named). Names that match nothing are left out;
     * {@link #print} reports them.
     */
    public java.util.Set<String> namedFields(ReportOptions o) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        try {
            names.addAll(ColumnList.resolve(type.defaultColumns(), o.columns(), type.prefix()).names());
        } catch (ReportException e) {
            // an invalid -o: print() says so
        }
        for (String key : ColumnList.split(o.sort() == null ? type.defaultSort() : o.sort())) {
            names.add(key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key);
        }
        if (o.select() != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(o.select());
            while (m.find()) {
                names.add(m.group());
            }
        }
        for (String n : names) {
            Field<R> f = type.match(n);
            if (f != null) {
                ids.add(f.id());
            }
            for (Section<R> s : type.matchAll(n)) {
                s.fields().forEach(x -> ids.add(x.id()));
            }
        }
        return ids;
    }

    /** The whole standard-output text of a successful report. */
    public String render(List<R> rows, ReportOptions o) throws ReportException {
        StringBuilder warnings = new StringBuilder();
        ColumnList list = ColumnList.resolve(type.defaultColumns(), o.columns(), type.prefix());
        List<Column<R>> shown = new ArrayList<>();
        List<Column<R>> hidden = new ArrayList<>();
        boolean help = false;
        for (String name : list.names()) {
            if (name.equals("help") || name.equals("?")) {
                help = true;
                continue;
            }
            for (Field<R> f : fieldsNamed(name, "Unrecognised field: ")) {
                shown.add(new Column<>(f, false));
            }
        }
        String sortSpec = o.sort() != null ? o.sort() : type.defaultSort();
        for (String key : ColumnList.split(sortSpec)) {
            String k = key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key;
            help |= k.equals("help") || k.equals("?");
        }
        if (help) {
            return FieldHelp.fields(type, true, false);
        }
        List<Column<R>> keys = sortKeys(sortSpec, shown, hidden, warnings);
        Condition condition = null;
        if (o.select() != null && !o.select().isEmpty() && !o.select().equalsIgnoreCase("all")) {
            if (o.select().equalsIgnoreCase("help") || o.select().equals("?")) {
                return warnings + FieldHelp.fields(type, false, true) + FieldHelp.selection();
            }
            condition = SelectionParser.parse(o.select(), name -> target(name, shown, hidden),
                () -> FieldHelp.fields(type, false, true), o.zone());
        }
        List<Column<R>> all = new ArrayList<>(shown);
        all.addAll(hidden);
        int selectedColumn = indexOfSelected(all);
        boolean keepUnselected = selectedColumn >= 0 && !all.get(selectedColumn).hidden;
        List<List<Cell>> table = new ArrayList<>();
        for (R row : rows) {
            List<Cell> cells = new ArrayList<>(all.size());
            for (Column<R> c : all) {
                cells.add(isSelected(c) ? new Cell("1", 1L)
                    : Cell.of(c.field.kind(), c.field.word(), c.field.getter().apply(row), o));
            }
            boolean pass = condition == null || condition.test(cells);
            if (selectedColumn >= 0) {
                cells.set(selectedColumn, pass ? new Cell("1", 1L) : new Cell("0", 0L));
            }
            if (pass || keepUnselected) {
                table.add(cells);
            }
        }
        if (!keys.isEmpty()) {
            table.sort(rowOrder(keys, all));
        }
        compact(list.compact(), shown, table);
        for (int i = 0; i < shown.size(); i++) {
            Column<R> c = shown.get(i);
            for (List<Cell> cells : table) {
                c.width = Math.max(c.width, cells.get(i).text().length());
            }
        }
        return warnings + ReportPrinter.print(type.name(), shown, table, o);
    }

    private List<Field<R>> fieldsNamed(String name, String unknownMessage) throws ReportException {
        if (name.equals("selected")) {
            return List.of(selectedField());
        }
        Field<R> f = type.match(name);
        if (f != null) {
            requireBound(f);
            return List.of(f);
        }
        List<Field<R>> all = new ArrayList<>();
        for (Section<R> s : type.matchAll(name)) {
            s.fields().stream().filter(Field::bound).forEach(all::add);
        }
        if (all.isEmpty()) {
            throw new ReportException(FieldHelp.fields(type, true, false), unknownMessage + name, 5);
        }
        return all;
    }

    private void requireBound(Field<R> f) throws ReportException {
        if (!f.bound()) {
            throw new ReportException("", "Field " + f.id() + " is not reported by jlvm.", 5);
        }
    }

    private List<Column<R>> sortKeys(String spec, List<Column<R>> shown, List<Column<R>> hidden,
            StringBuilder warnings) throws ReportException {
        List<Column<R>> keys = new ArrayList<>();
        for (String key : ColumnList.split(spec)) {
            boolean descending = key.startsWith("-");
            String name = key.startsWith("-") || key.startsWith("+") ? key.substring(1) : key;
            if (name.isEmpty()) {
                throw new ReportException(FieldHelp.fields(type, true, false),
                    "dm_report: Missing sort field name\ndm_report: Unrecognised field: " + key, 5);
            }
            Field<R> f = name.equals("selected") ? selectedField() : type.match(name);
            if (f == null) {
                throw new ReportException(FieldHelp.fields(type, true, false), "dm_report: Unrecognised field: "
                    + key, 5);
            }
            requireBound(f);
            Column<R> c = find(f, shown, hidden);
            if (c == null) {
                c = new Column<>(f, true);
                hidden.add(c);
            }
            if (c.sortPosition >= 0) {
                warnings.append("  dm_report: Ignoring duplicate sort field: ").append(f.id()).append(".\n");
                continue;
            }
            c.sortPosition = keys.size();
            c.descending = descending;
            keys.add(c);
        }
        return keys;
    }

    private SelectionParser.Target target(String name, List<Column<R>> shown, List<Column<R>> hidden)
            throws ReportException {
        Field<R> f = name.equals("selected") ? selectedField() : type.match(name);
        if (f == null) {
            return null;
        }
        requireBound(f);
        Column<R> c = find(f, shown, hidden);
        if (c == null) {
            c = new Column<>(f, true);
            hidden.add(c);
        }
        int i = shown.indexOf(c);
        return new SelectionParser.Target(i >= 0 ? i : shown.size() + hidden.indexOf(c), f);
    }

    private Column<R> find(Field<R> f, List<Column<R>> shown, List<Column<R>> hidden) {
        for (Column<R> c : shown) {
            if (c.field == f) {
                return c;
            }
        }
        for (Column<R> c : hidden) {
            if (c.field == f) {
                return c;
            }
        }
        return null;
    }

    private Comparator<List<Cell>> rowOrder(List<Column<R>> keys, List<Column<R>> all) {
        return (a, b) -> {
            for (Column<R> k : keys) {
                int i = all.indexOf(k);
                int c = Cell.compare(k.field.kind(), a.get(i), b.get(i));
                if (c != 0) {
                    return k.descending ? -c : c;
                }
            }
            return 0;
        };
    }

    private void compact(String names, List<Column<R>> shown, List<List<Cell>> table) {
        if (names == null) {
            return;
        }
        for (String name : ColumnList.split(names)) {
            Field<R> f = name.equals("selected") ? selectedField() : type.match(name);
            for (Column<R> c : shown) {
                if (c.field == f) {
                    c.compact = true;
                    break;
                }
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            Column<R> c = shown.get(i);
            if (!c.compact) {
                continue;
            }
            final int col = i;
            c.compactedAway = table.stream().allMatch(cells -> cells.get(col).text().isEmpty());
        }
    }

    private int indexOfSelected(List<Column<R>> all) {
        for (int i = 0; i < all.size(); i++) {
            if (isSelected(all.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private boolean isSelected(Column<R> c) {
        return c.field == (Object) SELECTED;
    }

    @SuppressWarnings("unchecked")
    private Field<R> selectedField() {
        return (Field<R>) (Field<?>) SELECTED;
    }
}
