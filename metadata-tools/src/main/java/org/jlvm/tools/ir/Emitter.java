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

    /** Writes out anything buffered (also after a failure, so partial output appears as with 0.9.0). */
    default void flush() {
    }
}
