package org.jlvm.tools.ir;

/**
 * The stream of a pool's contents (superblock, devices, mapping runs) shared by the dumpers (XML,
 * human-readable) and the restorer. Ranges are {@code length} consecutive blocks, all with {@code time}.
 */
public interface Emitter {
    void beginSuperblock(SuperblockInfo sb) throws ToolException;

    void beginDevice(DeviceInfo dev) throws ToolException;

    void rangeMapping(long originBegin, long dataBegin, long length, long time) throws ToolException;

    void endDevice() throws ToolException;

    void endSuperblock() throws ToolException;

    /** Renders mapping runs as this emitter's {@link #rangeMapping} would, into a caller's buffer. */
    interface RunFormat {
        void run(StringBuilder out, long originBegin, long dataBegin, long length, long time);
    }

    /**
     * The format of this emitter's mapping runs, so that devices can be rendered on other threads and handed
     * over with {@link #renderedRuns}; null (the default) if runs must come through {@link #rangeMapping}.
     */
    default RunFormat runFormat() {
        return null;
    }

    /** Runs rendered with {@link #runFormat()}, {@code mappings} mappings in all, as if emitted one by one. */
    default void renderedRuns(CharSequence text, long mappings) throws ToolException {
        throw new UnsupportedOperationException("renderedRuns without runFormat");
    }

    /** Writes out anything buffered (also after a failure, so partial output appears as with 0.9.0). */
    default void flush() {
    }
}
