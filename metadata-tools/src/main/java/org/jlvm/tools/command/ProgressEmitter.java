package org.jlvm.tools.command;

import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.ForwardingEmitter;
import org.jlvm.tools.ir.ToolException;

/** Passes everything on to {@code next}, counting the mappings into a {@link Progress} (stderr only). */
final class ProgressEmitter extends ForwardingEmitter {
    private final Progress progress;
    private long mappings;

    ProgressEmitter(Emitter next, Progress progress) {
        super(next);
        this.progress = progress;
    }

    @Override
    public void rangeMapping(long originBegin, long dataBegin, long length, long time) throws ToolException {
        next.rangeMapping(originBegin, dataBegin, length, time);
        mappings += length;
        progress.update(mappings);
    }

    @Override
    public void renderedRuns(CharSequence text, long n) throws ToolException {
        next.renderedRuns(text, n);
        mappings += n;
        progress.update(mappings);
    }
}
