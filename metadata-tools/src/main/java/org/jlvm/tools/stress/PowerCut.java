package org.jlvm.tools.stress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jlvm.pool.io.CrashSimulatingBlockDevice;
import org.jlvm.pool.io.CrashSimulatingBlockDevice.CrashMode;
import org.jlvm.pool.io.FaultInjectingBlockDevice;

/**
 * The power switch of one simulated machine: its devices ({@link FaultInjectingBlockDevice}s over the drivers'
 * volatile caches) count their I/Os (reads, writes, flushes, discards) on one shared counter; once {@link #arm
 * armed}, the I/O with the chosen index and every later one on any of them fails, wherever it lands (inside any
 * operation), until the driver plays the crash with {@link #crash}.
 */
final class PowerCut {
    private final AtomicLong ios = new AtomicLong();
    private final List<FaultInjectingBlockDevice> devices = new ArrayList<>();

    /** {@code dev} behind this power switch; closing the result leaves {@code dev} open. */
    FaultInjectingBlockDevice wrap(CrashSimulatingBlockDevice dev) {
        FaultInjectingBlockDevice d = FaultInjectingBlockDevice.over(dev, ios);
        devices.add(d);
        return d;
    }

    /** The (now + n)th I/O and all after it fail (n ≥ 1). */
    void arm(long n) {
        for (FaultInjectingBlockDevice d : devices) {
            d.failAfter(n);
        }
    }

    /** Whether the power went off since the last {@link #crash}. */
    boolean isOff() {
        return devices.stream().anyMatch(FaultInjectingBlockDevice::isDead);
    }

    void disarm() {
        devices.forEach(FaultInjectingBlockDevice::disarm);
    }

    /** Plays the power cut on every device in the order they were wrapped; then power on, nothing armed. */
    void crash(CrashMode mode, Random random) throws IOException {
        for (FaultInjectingBlockDevice d : devices) {
            d.crash(mode, random);
        }
    }
}
