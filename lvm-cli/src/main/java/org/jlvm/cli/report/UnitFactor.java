package org.jlvm.cli.report;

/**
 * A unit spelled as an optional number and one letter, as lvm's {@code dm_units_to_factor} reads it (used by
 * {@code --units} and by sizes in selections).
 *
 * @param type the letter, {@code 'U'} when a number other than 1 came first
 * @param factor bytes per unit (1 for {@code r R h H})
 * @param end index just past the letter
 */
record UnitFactor(char type, long factor, int end) {

    /** Reads a unit at {@code start}; null when there is none. */
    static UnitFactor parse(String s, int start) {
        int i = start;
        double custom = 0;
        long v = 1;
        if (i < s.length() && Character.isDigit(s.charAt(i))) {
            int j = i;
            while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            String number = s.substring(i, j);
            try {
                custom = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                return null;
            }
            int dot = number.indexOf('.');
            v = Long.parseLong(dot < 0 ? number : (dot == 0 ? "0" : number.substring(0, dot)));
            if (v == custom) {
                custom = 0;
            }
            i = j;
        }
        if (i >= s.length()) {
            return null;
        }
        char c = s.charAt(i);
        char type = v == 1 ? c : 'U';
        long multiplier;
        switch (c) {
            case 'h', 'H', 'r', 'R' -> {
                multiplier = 1;
                v = 1;
                type = c;
                custom = 0;
            }
            case 'b', 'B' -> multiplier = 1;
            case 's', 'S' -> multiplier = 512;
            case 'k' -> multiplier = 1L << 10;
            case 'm' -> multiplier = 1L << 20;
            case 'g' -> multiplier = 1L << 30;
            case 't' -> multiplier = 1L << 40;
            case 'p' -> multiplier = 1L << 50;
            case 'e' -> multiplier = 1L << 60;
            case 'K' -> multiplier = 1_000L;
            case 'M' -> multiplier = 1_000_000L;
            case 'G' -> multiplier = 1_000_000_000L;
            case 'T' -> multiplier = 1_000_000_000_000L;
            case 'P' -> multiplier = 1_000_000_000_000_000L;
            case 'E' -> multiplier = 1_000_000_000_000_000_000L;
            default -> {
                return null;
            }
        }
        long factor = custom != 0 ? (long) (custom * multiplier) : v * multiplier;
        return new UnitFactor(type, factor, i + 1);
    }
}
