package org.jlvm.tools.ir;

/** An {@link Emitter} that passes everything on to the next one; filters override what they change. */
public abstract class ForwardingEmitter implements Emitter {
    protected final Emitter next;

    protected ForwardingEmitter(Emitter next) {
        this.next = next;
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
