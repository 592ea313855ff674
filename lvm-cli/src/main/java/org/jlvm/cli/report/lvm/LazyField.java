package org.jlvm.cli.report.lvm;

import java.util.function.Function;

/**
 * A report field's getter made when a report first applies it: the field tables name about 130 getters, each a
 * lambda whose first evaluation links a call site, and {@code lvs} in a new JVM prints a handful of them.
 */
final class LazyField<R> implements Function<R, Object> {
    private final String id;
    private final Function<String, Function<R, Object>> maker;
    private volatile Function<R, Object> getter;

    LazyField(String id, Function<String, Function<R, Object>> maker) {
        this.id = id;
        this.maker = maker;
    }

    @Override
    public Object apply(R r) {
        Function<R, Object> g = getter;
        if (g == null) {
            g = maker.apply(id);
            getter = g;
        }
        return g.apply(r);
    }
}
