package org.jlvm.tools.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.ToolException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The frame a command runs in: its output goes through picocli's writers, its work is {@link #run()}, and
 * whatever ends it early is mapped in one place to one line on stderr and {@link #failureCode()}: a
 * {@link ToolException} (a failure the tool explains), an {@link IOException} (the device, or metadata a
 * validator refused), a {@link RuntimeException} (damaged metadata that got past the validators), and a
 * {@link Cancellation.Cancelled} run (the shell's Ctrl-C: {@code NAME: interrupted}). Public
 * so that the LVM commands can run in the same frame with lvm2's failure code.
 */
public abstract class CommandFrame implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /** The writers of a command run without picocli ({@link QuickArgs}); unused when {@link #spec} is set. */
    private PrintWriter directOut;
    private PrintWriter directErr;

    /** The command's work; returns its exit code. */
    protected abstract int run() throws ToolException, IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ToolException e) {
            return failed(e);
        } catch (Cancellation.Cancelled e) {
            return fail(name() + ": interrupted");
        } catch (IOException | UncheckedIOException e) {
            return quiet() ? failureCode() : fail(e.getMessage());
        } catch (RuntimeException e) {
            return quiet() ? failureCode() : fail(unexpected(e));
        }
    }

    /** The command's name (picocli's, or its {@code @Command} annotation's when it runs without picocli). */
    protected final String name() {
        if (spec != null) {
            return spec.name();
        }
        picocli.CommandLine.Command c = getClass().getAnnotation(picocli.CommandLine.Command.class);
        return c != null ? c.name() : getClass().getSimpleName();
    }

    /** How a {@link ToolException} ends the command: its message, by default. */
    protected int failed(ToolException e) {
        return quiet() ? failureCode() : fail(e.getMessage());
    }

    /** The line for an exception nothing expected (it names the exception, so it is never mistaken). */
    protected String unexpected(RuntimeException e) {
        return "unexpected error: " + e;
    }

    /** Whether the mapped failures stay silent (thin_check -q). */
    protected boolean quiet() {
        return false;
    }

    /** The exit code of a failure: 1, as thin-provisioning-tools. */
    protected int failureCode() {
        return 1;
    }

    /** Prints {@code message} as one line on stderr and returns {@link #failureCode()}. */
    protected final int fail(String message) {
        PrintWriter err = err();
        err.println(message);
        err.flush();
        return failureCode();
    }

    protected final PrintWriter out() {
        return spec != null ? spec.commandLine().getOut() : directOut;
    }

    protected final PrintWriter err() {
        return spec != null ? spec.commandLine().getErr() : directErr;
    }

    /** Lets the command run without picocli, writing to {@code out} and {@code err}. */
    final void useWriters(PrintWriter out, PrintWriter err) {
        this.directOut = out;
        this.directErr = err;
    }
}
