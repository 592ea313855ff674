package org.jlvm.cli.report;

import java.util.List;

/**
 * A group of fields listed under one title in {@code -o help} and selected together by {@code PREFIXall}
 * (lvm2's report object types: "Logical Volume", "Volume Group", ...).
 *
 * @param title the help title without " Fields", e.g. {@code Logical Volume}
 * @param prefix the field prefix with its underscore, e.g. {@code lv_}
 * @param fields the fields in help order
 * @param <R> the row type
 */
public record Section<R>(String title, String prefix, List<Field<R>> fields) {
    public Section {
        fields = List.copyOf(fields);
    }
}
