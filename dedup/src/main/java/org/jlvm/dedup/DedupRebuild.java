package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jlvm.dedup.compress.Lz4Codec;
import org.jlvm.dedup.format.Superblock;
import org.jlvm.pool.io.BlockDevice;

/** The offline rebuild of a dedup device's reference counts (vdoforcerebuild). */
public final class DedupRebuild {
    private DedupRebuild() {
    }

    /**
     * What an offline rebuild changed.
     *
     * @param refcountsChanged data blocks whose count differed from the map's references
     * @param entriesDropped map entries pointing outside the data region, now unmapped (data lost)
     * @param overShared blocks with more than 254 map entries pointing at them
     * @param entriesCopied map entries beyond the 254th sharer of a block, now pointing at a copy of their own
     */
    public record Report(long refcountsChanged, long entriesDropped, long overShared, long entriesCopied) {
    }

    /**
     * Offline rebuild of a device that is not open: recomputes reference counts from the map, gives the
     * sharers beyond 254 of a block their own copy, clears read-only mode and commits. Blocks whose content
     * is damaged stay damaged; the index is dropped.
     */
    public static Report run(BlockDevice backing) throws IOException {
        Object key = OpenDevices.claim(backing);
        try {
            return rebuildClaimed(backing);
        } finally {
            OpenDevices.release(key);
        }
    }

    private static Report rebuildClaimed(BlockDevice backing) throws IOException {
        MetadataStore store = MetadataStore.open(backing, true);
        Superblock sb = store.superblock();
        DataReader reader = new DataReader(backing, null, Lz4Codec.fastest(), sb.dataStart(), sb.dataBlocks());
        Report report = store.rebuild(reader);
        backing.write(store.superblock().indexStart() * DedupDevice.BLOCK, ByteBuffer.allocate(DedupDevice.BLOCK));
        backing.flush();
        return report;
    }
}
