package org.jlvm.cli.report;

import java.util.List;
import java.util.regex.Pattern;

/** A parsed selection ({@code -S}): a tree of comparisons joined by and, or and not, tested on one row's cells. */
sealed interface Condition {

    /** True when the row whose cells are given passes. */
    boolean test(List<Cell> cells);

    /** All children must pass. */
    record And(List<Condition> parts) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            return parts.stream().allMatch(p -> p.test(cells));
        }
    }

    /** One child must pass. */
    record Or(List<Condition> parts) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            return parts.stream().anyMatch(p -> p.test(cells));
        }
    }

    /** {@code !( ... )}. */
    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            return !inner.test(cells);
        }
    }

    /** The comparison operators, with lvm2's flags: equal, not, greater, less. */
    enum Op {
        EQ, NE, GT, GE, LT, LE;

        boolean compare(int c) {
            return switch (this) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                case LE -> c <= 0;
            };
        }
    }

    /** {@code field=~regex} / {@code field!~regex}, on a string field. */
    record Regex(int column, Pattern pattern, boolean negate) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            boolean m = pattern.matcher(cells.get(column).matchText()).find();
            return negate != m;
        }
    }

    /** A string field compared with {@code =} or {@code !=}. */
    record Text(int column, Op op, String value) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            boolean eq = cells.get(column).value().equals(value);
            return op == Op.EQ ? eq : !eq;
        }
    }

    /**
     * A number, binary or percent field (values as unsigned longs). As in lvm2, the undefined value (-1) never
     * passes an ordering comparison, and an undefined percentage passes nothing.
     */
    record Number(int column, Op op, long value, boolean percent) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            long v = (Long) cells.get(column).value();
            if (percent && Long.compareUnsigned(v, Percent.HUNDRED) > 0) {
                return false;
            }
            if (op != Op.EQ && op != Op.NE && (v == Cell.UNDEFINED || value == Cell.UNDEFINED)) {
                return false;
            }
            return op.compare(Long.compareUnsigned(v, value));
        }
    }

    /** A size field; values in sectors, equal within {@code DBL_EPSILON} as in lvm2. */
    record Size(int column, Op op, double sectors) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            double v = (Double) cells.get(column).value();
            boolean eq = Math.abs(v - sectors) < Math.ulp(1.0);
            boolean gt = v > sectors && !eq;
            boolean lt = v < sectors && !eq;
            return switch (op) {
                case EQ -> eq;
                case NE -> !eq;
                case GT -> gt;
                case GE -> gt || eq;
                case LT -> lt;
                case LE -> lt || eq;
            };
        }
    }

    /** A time field, in epoch seconds. */
    record Time(int column, Op op, long seconds) implements Condition {
        @Override
        public boolean test(List<Cell> cells) {
            long v = (Long) cells.get(column).value();
            if (v == Long.MAX_VALUE && op != Op.EQ && op != Op.NE) {
                return false;
            }
            return op.compare(Long.compare(v, seconds));
        }
    }

    /**
     * A string list field against {@code [a,b]} / {@code [a||b]} (strict all / any) or {@code {a,b}} (subset).
     *
     * @param items the selection's items, sorted
     * @param all true for an and-list, false for an or-list
     * @param subset true for {@code { }}
     */
    record StringList(int column, boolean negate, List<String> items, boolean all, boolean subset)
            implements Condition {
        @Override
        @SuppressWarnings("unchecked")
        public boolean test(List<Cell> cells) {
            List<String> v = (List<String>) cells.get(column).value();
            boolean r;
            if (!all) {
                r = v.isEmpty() ? items.contains("") : items.stream().anyMatch(v::contains);
            } else if (v.isEmpty()) {
                r = items.size() == 1 && items.get(0).isEmpty();
            } else if (subset) {
                r = v.containsAll(items);
            } else {
                r = v.equals(items);
            }
            return negate != r;
        }
    }
}
