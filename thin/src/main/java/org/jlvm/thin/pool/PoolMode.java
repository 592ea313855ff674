package org.jlvm.thin.pool;

/** The pool's mode, as the kernel's thin-pool status line reports it. */
public enum PoolMode {
    /** Normal operation. */
    READ_WRITE("rw"),
    /** The data device is full: writes that need a new block queue or fail; everything else works. */
    OUT_OF_DATA_SPACE("out_of_data_space"),
    /**
     * Metadata changes are refused (metadata full, or a metadata operation failed and the transaction was
     * aborted). Reads and overwrites of exclusive blocks still work.
     */
    READ_ONLY("ro"),
    /** The metadata could not even be aborted: every I/O fails. */
    FAIL("Fail");

    private final String status;

    PoolMode(String status) {
        this.status = status;
    }

    /** The word the kernel prints for this mode. */
    public String statusWord() {
        return status;
    }
}
