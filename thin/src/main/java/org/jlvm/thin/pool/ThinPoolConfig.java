package org.jlvm.thin.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an open pool (the kernel's pool table features).
 *
 * @param zeroNewBlocks zero the rest of a newly provisioned block when a write covers only part of it (off:
 *                      the rest keeps whatever the data device held, as {@code skip_block_zeroing}). Blocks that
 *                      already read as zeroes are not zeroed again: those the pool discarded on a device whose
 *                      discards zero (all of a new pool's, see {@link ThinPool#format}), and those a read shows
 *                      to be zero
 * @param discardMode   what discards do
 * @param noSpacePolicy what writes needing a new block do when the data device is full
 * @param noSpaceTimeout how long a queued write waits for data space before failing
 * @param lowWaterBlocks free data blocks at or below which the low-water event fires (once per crossing)
 * @param commitInterval the background commit period while dirty; {@link Duration#ZERO} disables it
 * @param metadataCacheBytes metadata block cache size
 */
public record ThinPoolConfig(boolean zeroNewBlocks, DiscardMode discardMode, NoSpacePolicy noSpacePolicy,
                             Duration noSpaceTimeout, long lowWaterBlocks, Duration commitInterval,
                             long metadataCacheBytes) {

    public ThinPoolConfig {
        Objects.requireNonNull(discardMode, "discardMode");
        Objects.requireNonNull(noSpacePolicy, "noSpacePolicy");
        if (noSpaceTimeout.isNegative() || commitInterval.isNegative() || lowWaterBlocks < 0
                || metadataCacheBytes < (1 << 20)) {
            throw new IllegalArgumentException("negative timeout, interval or low-water mark, or a metadata cache"
                    + " under 1 MiB");
        }
    }

    /** The kernel's defaults: zeroing on, passdown, queue for 60 s, commit every second, no low-water mark. */
    public static ThinPoolConfig defaults() {
        return new ThinPoolConfig(true, DiscardMode.PASSDOWN, NoSpacePolicy.QUEUE, Duration.ofSeconds(60), 0,
                Duration.ofSeconds(1), 64L << 20);
    }

    public ThinPoolConfig withZeroNewBlocks(boolean z) {
        return new ThinPoolConfig(z, discardMode, noSpacePolicy, noSpaceTimeout, lowWaterBlocks, commitInterval,
                metadataCacheBytes);
    }

    public ThinPoolConfig withDiscardMode(DiscardMode m) {
        return new ThinPoolConfig(zeroNewBlocks, m, noSpacePolicy, noSpaceTimeout, lowWaterBlocks, commitInterval,
                metadataCacheBytes);
    }

    public ThinPoolConfig withNoSpace(NoSpacePolicy p, Duration timeout) {
        return new ThinPoolConfig(zeroNewBlocks, discardMode, p, timeout, lowWaterBlocks, commitInterval,
                metadataCacheBytes);
    }

    public ThinPoolConfig withLowWaterBlocks(long blocks) {
        return new ThinPoolConfig(zeroNewBlocks, discardMode, noSpacePolicy, noSpaceTimeout, blocks, commitInterval,
                metadataCacheBytes);
    }

    public ThinPoolConfig withCommitInterval(Duration d) {
        return new ThinPoolConfig(zeroNewBlocks, discardMode, noSpacePolicy, noSpaceTimeout, lowWaterBlocks, d,
                metadataCacheBytes);
    }

    public ThinPoolConfig withMetadataCacheBytes(long bytes) {
        return new ThinPoolConfig(zeroNewBlocks, discardMode, noSpacePolicy, noSpaceTimeout, lowWaterBlocks,
                commitInterval, bytes);
    }
}
