package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code nbd_serve} running in-process on a thread, stopped by interrupting it (as SIGINT would). */
final class ServedExports implements AutoCloseable {
    private final Thread thread;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final int[] code = {-1};
    final Path socket;

    ServedExports(Path socket, String... args) throws InterruptedException {
        this.socket = socket;
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--socket";
        all[args.length + 1] = socket.toString();
        thread = new Thread(() -> {
            CommandLine cl = new CommandLine(new NbdServeCommand());
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            code[0] = cl.execute(all);
        }, "nbd_serve test");
        thread.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!out.toString().contains("serving until interrupted")) {
            if (!thread.isAlive() || System.currentTimeMillis() > deadline) {
                fail("nbd_serve did not start: " + out + err);
            }
            Thread.sleep(10);
        }
    }

    String uri(String export) {
        return "nbd+unix:///" + export + "?socket=" + socket;
    }

    String output() {
        return out.toString();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
        assertEquals(0, code[0], "nbd_serve exit code; stderr: " + err);
    }
}
