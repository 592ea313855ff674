package org.jlvm.tools.dump;

import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/** Replaces superblock values given on the command line (null = keep), then passes everything on. */
public final class OverridingEmitter implements Emitter {
    private final Emitter next;
    private final Long transactionId;
    private final Long dataBlockSize;
    private final Long nrDataBlocks;

    public OverridingEmitter(Emitter next, Long transactionId, Long dataBlockSize, Long nrDataBlocks) {
        this.next = next;
        this.transactionId = transactionId;
        this.dataBlockSize = dataBlockSize;
        this.nrDataBlocks = nrDataBlocks;
    }

    @Override
    public void beginSuperblock(SuperblockInfo s) throws ToolException {
        next.beginSuperblock(new SuperblockInfo(s.uuid(), s.time(),
                transactionId != null ? transactionId : s.transaction(), s.flags(), s.version(),
                dataBlockSize != null ? dataBlockSize : s.dataBlockSize(),
                nrDataBlocks != null ? nrDataBlocks : s.nrDataBlocks(), s.metadataSnap()));
    }

    @Override
    public void beginDevice(DeviceInfo dev) throws ToolException {
        next.beginDevice(dev);
    }

    @Override
    public void rangeMapping(long originBegin, long dataBegin, long length, long time) throws ToolException {
        next.rangeMapping(originBegin, dataBegin, length, time);
    }

    @Override
    public RunFormat runFormat() {
        return next.runFormat();
    }

    @Override
    public void renderedRuns(CharSequence text, long mappings) throws ToolException {
        next.renderedRuns(text, mappings);
    }

    @Override
    public void endDevice() throws ToolException {
        next.endDevice();
    }

    @Override
    public void endSuperblock() throws ToolException {
        next.endSuperblock();
    }

    @Override
    public void flush() {
        next.flush();
    }
}
