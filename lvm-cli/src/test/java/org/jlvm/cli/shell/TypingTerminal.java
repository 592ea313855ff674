package org.jlvm.cli.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A jline terminal over streams that types like a person: each chunk of keys is sent only once the line editor
 * is waiting for a line (it has put the terminal in raw mode once more), so no key is read in the cooked mode
 * between two lines. The screen is what the shell wrote to the terminal.
 */
final class TypingTerminal extends ExternalTerminal {
    private static final long WAIT_SECONDS = 30;
    private static final long SETTLE_MILLIS = 150;
    private static final byte CTRL_C = 3;

    private final Object lock = new Object();
    private int rawEntries;
    private final Keys keys;
    private final ByteArrayOutputStream screen;

    private TypingTerminal(Keys keys, ByteArrayOutputStream screen) throws IOException {
        super("test", "xterm", keys, screen, StandardCharsets.UTF_8);
        this.keys = keys;
        this.screen = screen;
        setSize(new Size(120, 40));
    }

    static TypingTerminal open() throws IOException {
        return new TypingTerminal(new Keys(), new ByteArrayOutputStream());
    }

    @Override
    public void setAttributes(Attributes attr) {
        super.setAttributes(attr);
        if (keys != null && !attr.getLocalFlag(Attributes.LocalFlag.ICANON)) {
            synchronized (lock) {
                rawEntries++;
                lock.notifyAll();
            }
        }
    }

    /** Types {@code lines} in a thread of its own, each when the editor waits for its line. */
    Thread type(List<String> lines) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < lines.size(); i++) {
                    awaitRawEntries(i + 1);
                    for (byte b : lines.get(i).getBytes(StandardCharsets.UTF_8)) {
                        if (b == CTRL_C) {
                            awaitSettled();
                        }
                        keys.queue.add(b & 0xff);
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException("typing stopped", e);
            }
        }, "typist");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Waits until every key typed so far was read and the screen has stopped changing. Ctrl-C is a signal that
     * jline's input pump raises (and echoes) as soon as it reads the byte, ahead of the keys before it that the
     * editor has not handled yet; a person presses it only after seeing the line.
     */
    private void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        int last = -1;
        while (System.nanoTime() < deadline) {
            int now = screen.size();
            if (keys.queue.isEmpty() && now == last) {
                return;
            }
            last = now;
            Thread.sleep(SETTLE_MILLIS);
        }
    }

    private void awaitRawEntries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        synchronized (lock) {
            while (rawEntries < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("the editor never asked for line " + n);
                }
                lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    /** Presses {@code keys} now, whatever the editor is doing (a Ctrl-C while a command runs). */
    void press(String keys) {
        for (byte b : keys.getBytes(StandardCharsets.UTF_8)) {
            this.keys.queue.add(b & 0xff);
        }
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** The keyboard: bytes typed so far, read as they come; it never ends by itself. */
    private static final class Keys extends InputStream {
        final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            try {
                while (!closed) {
                    Integer b = queue.poll(50, TimeUnit.MILLISECONDS);
                    if (b != null) {
                        return b;
                    }
                }
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
