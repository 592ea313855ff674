package org.jlvm.cli.report;

/**
 * What a field's values are, which decides how they are printed, aligned, sorted and selected (lvm2's
 * {@code STR STR_LIST NUM SNUM BIN SIZ PCT TIM}).
 *
 * <p>The value a field's getter returns for each kind ({@code null} always means "undefined", printed blank):
 * <ul>
 *   <li>{@link #STRING}: any object, printed with {@code toString()};
 *   <li>{@link #STRING_LIST}: a {@code List<String>}, printed in its order, joined with {@code ,};
 *   <li>{@link #NUMBER}: a {@code Number} (a long; negative values sort as large unsigned ones, as in lvm);
 *   <li>{@link #SIZE}: a {@code Number} of bytes, printed in the report's units;
 *   <li>{@link #PERCENT}: a {@link Percent};
 *   <li>{@link #BINARY}: a {@code Boolean}, printed as the field's word or blank (1/0 with {@code --binary});
 *       undefined prints {@code unknown} ({@code -1});
 *   <li>{@link #TIME}: an {@code Instant}, printed as {@code %Y-%m-%d %T %z} in the report's zone.
 * </ul>
 * A getter may also return a {@link Shown} to print a text other than the value it sorts and selects on.
 */
public enum ValueKind {
    STRING("string", false),
    STRING_LIST("string list", false),
    NUMBER("number", true),
    SIZE("size", true),
    PERCENT("percent", false),
    BINARY("number", true),
    TIME("time", false);

    private final String helpName;
    private final boolean rightAligned;

    ValueKind(String helpName, boolean rightAligned) {
        this.helpName = helpName;
        this.rightAligned = rightAligned;
    }

    /** The type name {@code -S help} shows. */
    public String helpName() {
        return helpName;
    }

    /** Numbers, sizes and binary fields are right-aligned; the rest (percentages too, as in lvm2) left. */
    public boolean rightAligned() {
        return rightAligned;
    }

    boolean numeric() {
        return this == NUMBER || this == BINARY;
    }
}
