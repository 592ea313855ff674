package org.jlvm.pool.btree;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jlvm.pool.block.BlockHeaderValidator;
import org.jlvm.pool.block.Checksums;
import org.jlvm.pool.error.CorruptMetadataException;

/**
 * Validates B-tree nodes: checksum, blocknr, flags exactly INTERNAL or LEAF (as the 1.x tools), max_entries
 * fits, nr ≤ max.
 */
public final class NodeValidator extends BlockHeaderValidator {
    public static final NodeValidator INSTANCE = new NodeValidator();

    private NodeValidator() {
        super("btree node", Checksums.BTREE_NODE_SALT);
    }

    @Override
    protected void checkContent(long block, byte[] data) throws CorruptMetadataException {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int flags = b.getInt(Node.FLAGS);
        int nr = b.getInt(Node.NR_ENTRIES);
        int max = b.getInt(Node.MAX_ENTRIES);
        int vs = b.getInt(Node.VALUE_SIZE);
        if (flags != Node.INTERNAL && flags != Node.LEAF) {
            throw new CorruptMetadataException(block, name(), "flags " + flags + " are not exactly one of INTERNAL"
                    + " and LEAF");
        }
        if (vs <= 0 || max < 0 || (long) Node.HEADER_SIZE + (8L + vs) * max > data.length) {
            throw new CorruptMetadataException(block, name(), "max_entries " + max + " with value_size " + vs
                    + " does not fit in a block");
        }
        if (nr < 0 || nr > max) {
            throw new CorruptMetadataException(block, name(), "nr_entries " + nr + " > max_entries " + max);
        }
        if ((flags & Node.LEAF) == 0 && vs != 8) {
            throw new CorruptMetadataException(block, name(), "value_size", 8, vs);
        }
    }
}
