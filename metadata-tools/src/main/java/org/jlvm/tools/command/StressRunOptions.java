package org.jlvm.tools.command;

import picocli.CommandLine.Option;

/**
 * What every model-checked stress driver takes (a picocli mixin): the seed, the number of operations and how
 * often to simulate a power cut. Public: {@code vdo_stress} in lvm-cli uses it too.
 */
public final class StressRunOptions {
    @Option(names = "--seed", required = true, paramLabel = "S", description = "random seed")
    long seed;

    @Option(names = "--ops", required = true, paramLabel = "K", description = "number of random operations")
    long ops;

    @Option(names = "--crash-every", paramLabel = "N", defaultValue = "0",
            description = "simulate a power cut every N operations (0: never)")
    long crashEvery;

    public long seed() {
        return seed;
    }

    public long ops() {
        return ops;
    }

    public long crashEvery() {
        return crashEvery;
    }

    /** Whether the counts make sense (neither is negative). */
    public boolean valid() {
        return ops >= 0 && crashEvery >= 0;
    }
}
