package org.jlvm.thin.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.btree.BTree;
import org.jlvm.pool.btree.ValueType;
import org.jlvm.pool.tx.TransactionManager;

/**
 * Top-level mapping values: roots of per-device trees. A copy adds a reference to the root; removing the
 * value deletes the device's tree (shared parts only lose a reference).
 */
final class SubtreeType implements ValueType {
    private final TransactionManager tm;
    private final BTree deviceTree;

    SubtreeType(TransactionManager tm, BTree deviceTree) {
        this.tm = tm;
        this.deviceTree = deviceTree;
    }

    private static long root(byte[] d, int off) {
        return ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).getLong(off);
    }

    @Override
    public int size() {
        return 8;
    }

    @Override
    public void inc(byte[] data, int off) throws IOException {
        tm.inc(root(data, off));
    }

    @Override
    public void dec(byte[] data, int off) throws IOException {
        deviceTree.delete(root(data, off));
    }
}
