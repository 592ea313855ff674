package org.jlvm.thin.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.btree.ValueType;
import org.jlvm.pool.sm.SpaceMap;
import org.jlvm.thin.format.BlockTime;

/** Mapping values (block_time): references to data blocks, counted in the data space map. */
final class DataBlockType implements ValueType {
    private final SpaceMap dataSpaceMap;

    DataBlockType(SpaceMap dataSpaceMap) {
        this.dataSpaceMap = dataSpaceMap;
    }

    private static long block(byte[] d, int off) {
        return BlockTime.blockOf(ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong(off));
    }

    @Override
    public int size() {
        return 8;
    }

    @Override
    public void inc(byte[] data, int off) throws IOException {
        dataSpaceMap.inc(block(data, off));
    }

    @Override
    public void dec(byte[] data, int off) throws IOException {
        dataSpaceMap.dec(block(data, off));
    }

    /** Equal when the data block is the same, whatever the time. */
    @Override
    public boolean equal(byte[] a, int aOff, byte[] b, int bOff) {
        return block(a, aOff) == block(b, bOff);
    }
}
