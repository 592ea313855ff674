package org.jlvm.cli.shell;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.function.LongSupplier;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal's input as a command's questions read it in the shell: a Ctrl-C while a read waits for a key
 * ends that read with {@link InterruptedIOException} (the question takes it as "no", as lvm2's yes_no_prompt
 * does on SIGINT). A Ctrl-C before the question was asked is not carried over to it.
 */
final class AnswerReader extends Reader {
    /** How often a waiting read looks at the Ctrl-C count. */
    private static final long POLL_MILLIS = 50;

    private final NonBlockingReader in;
    private final LongSupplier interrupts;

    /** @param interrupts how many Ctrl-C were pressed so far */
    AnswerReader(NonBlockingReader in, LongSupplier interrupts) {
        this.in = in;
        this.interrupts = interrupts;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long before = interrupts.getAsLong();
        while (true) {
            int c = in.read(POLL_MILLIS);
            if (interrupts.getAsLong() != before) {
                throw new InterruptedIOException("interrupted");
            }
            if (c == NonBlockingReader.EOF) {
                return -1;
            }
            if (c != NonBlockingReader.READ_EXPIRED) {
                cbuf[off] = (char) c;
                return 1;
            }
        }
    }

    @Override
    public void close() {
        // the terminal's reader belongs to the terminal
    }
}
