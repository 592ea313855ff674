package org.jlvm.cli.report;

/**
 * A field value whose printed text differs from the value it sorts and selects on, e.g. a hidden LV printed as
 * {@code [pool0_tmeta]} but sorted and selected as {@code pool0_tmeta}.
 *
 * @param text what the report prints
 * @param value the value of the field's kind used for sorting and selection
 */
public record Shown(String text, Object value) {
}
