package org.jlvm.tools.dump;

import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.ForwardingEmitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/** Replaces superblock values given on the command line (null = keep), then passes everything on. */
public final class OverridingEmitter extends ForwardingEmitter {
    private final Long transactionId;
    private final Long dataBlockSize;
    private final Long nrDataBlocks;

    public OverridingEmitter(Emitter next, Long transactionId, Long dataBlockSize, Long nrDataBlocks) {
        super(next);
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
}
