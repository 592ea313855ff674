package org.jlvm.pool.error;

import java.io.IOException;

/** A metadata block failed validation: wrong checksum, wrong location, impossible header values. */
public class CorruptMetadataException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long block;
    private final String structure;

    public CorruptMetadataException(long block, String structure, String problem) {
        super(structure + " block " + block + ": " + problem);
        this.block = block;
        this.structure = structure;
    }

    public CorruptMetadataException(long block, String structure, String what, Object expected, Object actual) {
        this(block, structure, what + " " + actual + " != expected " + expected);
    }

    /** The metadata block number at fault, or -1 if none applies. */
    public long block() {
        return block;
    }

    /** The kind of structure ("superblock", "btree node", "bitmap", "index"). */
    public String structure() {
        return structure;
    }
}
