package org.jlvm.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resolves the {@code -o} arguments into the column names of one report, as lvm2's reporter does: the report
 * type's defaults, then each argument left to right: {@code +f} appends, {@code -f} removes the last matching
 * name (with or without the report prefix), {@code #f} names the columns to compact, anything else replaces.
 *
 * @param names the column names in order, as typed
 * @param compact the last {@code #} argument's names, or null
 */
record ColumnList(List<String> names, String compact) {

    static ColumnList resolve(String defaults, List<String> args, String prefix) throws ReportException {
        List<String> list = split(defaults);
        String compact = null;
        String bare = prefix.endsWith("_") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (String arg : args) {
            if (arg.isEmpty()) {
                throw new ReportException("", "Invalid options string: " + arg, 3);
            }
            switch (arg.charAt(0)) {
                case '+' -> list.addAll(split(arg.substring(1)));
                case '-' -> {
                    for (String name : split(arg.substring(1))) {
                        remove(list, bare, name);
                    }
                }
                case '#' -> compact = arg.substring(1);
                default -> list = split(arg);
            }
        }
        return new ColumnList(List.copyOf(list), compact);
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        Arrays.stream(s.split(",")).filter(x -> !x.isEmpty()).forEach(out::add);
        return out;
    }

    private static void remove(List<String> list, String prefix, String name) {
        for (int i = list.size() - 1; i >= 0; i--) {
            String item = list.get(i);
            if (item.equals(name) || strip(item, prefix).equals(strip(name, prefix))) {
                list.remove(i);
                return;
            }
        }
    }

    private static String strip(String s, String prefix) {
        if (s.startsWith(prefix)) {
            s = s.substring(prefix.length());
            if (s.startsWith("_")) {
                s = s.substring(1);
            }
        }
        return s;
    }
}
