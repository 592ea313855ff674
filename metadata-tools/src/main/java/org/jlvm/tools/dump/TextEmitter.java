package org.jlvm.tools.dump;

import org.jlvm.tools.ir.Emitter;

/**
 * A text format of thin_dump: the output sink and the mapping runs, rendered by the format's {@link RunFormat}
 * (also used by the parallel dump, which renders runs off the emitting thread).
 */
abstract class TextEmitter implements Emitter {
    final TextSink text;
    private final RunFormat runs;

    TextEmitter(Appendable out, RunFormat runs) {
        this.text = new TextSink(out);
        this.runs = runs;
    }

    @Override
    public final void flush() {
        text.flush();
    }

    @Override
    public final void rangeMapping(long o, long d, long len, long time) {
        runs.run(text.buffer(), o, d, len, time);
        text.spill();
    }

    @Override
    public final RunFormat runFormat() {
        return runs;
    }

    @Override
    public final void renderedRuns(CharSequence rendered, long mappings) {
        text.write(rendered);
    }
}
