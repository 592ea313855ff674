package org.jlvm.cli.report;

/**
 * A field placed in one report: shown or hidden (a sort key or selection field not asked for), its current
 * width, its sort position and direction, and whether it is compacted away ({@code -o#}).
 */
final class Column<R> {
    final Field<R> field;
    final boolean hidden;
    int width;
    int sortPosition = -1;
    boolean descending;
    boolean compact;
    boolean compactedAway;

    Column(Field<R> field, boolean hidden) {
        this.field = field;
        this.hidden = hidden;
        this.width = field.initialWidth();
    }

    boolean visible() {
        return !hidden && !compactedAway;
    }
}
