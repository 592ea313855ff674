package org.jlvm.tools.command;

import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/** Passes everything on to {@code next}, counting the mappings into a {@link Progress} (stderr only). */
final class ProgressEmitter implements Emitter {
    private final Emitter next;
    private final Progress progress;
    private long mappings;

    ProgressEmitter(Emitter next, Progress progress) {
        this.next = next;
        this.progress = progress;
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) throws ToolException {
        next.beginSuperblock(sb);
    }

    @Override
    public void beginDevice(DeviceInfo dev) throws ToolException {
        next.beginDevice(dev);
    }

    @Override
    public void rangeMapping(long originBegin, long dataBegin, long length, long time) throws ToolException {
        next.rangeMapping(originBegin, dataBegin, length, time);
        mappings += length;
        progress.update(mappings);
    }

    @Override
    public RunFormat runFormat() {
        return next.runFormat();
    }

    @Override
    public void renderedRuns(CharSequence text, long n) throws ToolException {
        next.renderedRuns(text, n);
        mappings += n;
        progress.update(mappings);
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
