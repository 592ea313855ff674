package org.jlvm.cli.shell;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Reader;
import java.util.function.LongSupplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * The terminal's input as a command's questions read it in the shell, one line at a time: typed keys are echoed,
 * Backspace erases, Enter ends the line, Ctrl-D on an empty line is the end of input, and a Ctrl-C ends the read
 * with {@link InterruptedIOException} (the question takes it as "no", as lvm2's yes_no_prompt does on SIGINT); a
 * Ctrl-C before the question was asked is not carried over to it. The line is read with the terminal out of
 * canonical mode (signals still on): a canonical read would block until Enter, whatever the Ctrl-C.
 */
final class AnswerReader extends Reader {
    /** How often a waiting read looks at the Ctrl-C count. */
    private static final long POLL_MILLIS = 50;
    private static final int CTRL_D = 4;
    private static final int BACKSPACE = 8;
    private static final int DELETE = 127;

    private final Terminal terminal;
    private final LongSupplier interrupts;
    /** The rest of the line read last, not yet taken. */
    private String pending = "";

    /** @param interrupts how many Ctrl-C were pressed so far */
    AnswerReader(Terminal terminal, LongSupplier interrupts) {
        this.terminal = terminal;
        this.interrupts = interrupts;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pending.isEmpty()) {
            String line = readLine();
            if (line == null) {
                return -1;
            }
            pending = line;
        }
        int n = Math.min(len, pending.length());
        pending.getChars(0, n, cbuf, off);
        pending = pending.substring(n);
        return n;
    }

    /** One line with its line end; null at the end of input. */
    private String readLine() throws IOException {
        long before = interrupts.getAsLong();
        Attributes saved = terminal.enterRawMode();
        try {
            NonBlockingReader in = terminal.reader();
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read(POLL_MILLIS);
                if (interrupts.getAsLong() != before) {
                    throw new InterruptedIOException("interrupted");
                }
                if (c == NonBlockingReader.READ_EXPIRED) {
                    continue;
                }
                if (c == NonBlockingReader.EOF || c == CTRL_D && line.length() == 0) {
                    return line.length() == 0 ? null : line.toString();
                }
                if (c == '\r' || c == '\n') {
                    echo("\n");
                    return line.append('\n').toString();
                }
                if (c == BACKSPACE || c == DELETE) {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                        echo("\b \b");
                    }
                } else if (c >= ' ') {
                    line.append((char) c);
                    echo(String.valueOf((char) c));
                }
            }
        } finally {
            terminal.setAttributes(saved);
        }
    }

    private void echo(String s) {
        terminal.writer().print(s);
        terminal.flush();
    }

    @Override
    public void close() {
        // the terminal's reader belongs to the terminal
    }
}
