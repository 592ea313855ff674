package org.jlvm.cli.report;

/**
 * A percentage in lvm's fixed-point form ({@code dm_percent_t}: millionths of a percent), printed with two
 * decimals. A value is never shown as 0.00 unless it is exactly zero, nor as 100.00 unless it is exactly full.
 *
 * @param raw millionths of a percent, 0 to 100,000,000
 */
public record Percent(int raw) {

    /** One percent. */
    public static final int ONE = 1_000_000;
    /** A full hundred percent. */
    public static final int HUNDRED = 100 * ONE;

    public Percent {
        if (raw < 0 || raw > HUNDRED) {
            throw new IllegalArgumentException("percent out of range: " + raw);
        }
    }

    /** {@code numerator/denominator} as lvm computes it ({@code dm_make_percent}). */
    public static Percent of(long numerator, long denominator) {
        if (denominator == 0 || numerator == denominator) {
            return new Percent(HUNDRED);
        }
        if (numerator == 0) {
            return new Percent(0);
        }
        int p = (int) (HUNDRED * ((double) numerator / (double) denominator));
        if (p == HUNDRED) {
            p = HUNDRED - 1;
        } else if (p == 0) {
            p = 1;
        }
        return new Percent(p);
    }

    /** Two decimals, rounded as {@code dm_percent_to_round_float(p, 2)} and {@code printf("%.2f")} do. */
    public String text() {
        float f = (float) raw / ONE + 0.f;
        float r = ONE * .01f;
        if (raw < r && raw > 0) {
            f = .01f;
        } else if (raw > HUNDRED - r && raw < HUNDRED) {
            f = (HUNDRED - r) / ONE;
        }
        return Units.decimal(f, 2);
    }
}
