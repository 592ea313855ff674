package org.jlvm.cli;

import java.io.IOException;
import java.io.Writer;
import org.jlvm.tools.ir.Cancellation;

/** Passes writes on to {@code out}, each a cancellation point of {@code cancellation}; flushing always goes on. */
final class CancellingWriter extends Writer {
    private final Writer out;
    private final Cancellation cancellation;

    CancellingWriter(Writer out, Cancellation cancellation) {
        this.out = out;
        this.cancellation = cancellation;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        cancellation.check();
        out.write(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        cancellation.check();
        out.write(str, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
