package org.jlvm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.ExitCodes;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigSource;
import org.jlvm.cli.lvm.text.ConfigSyntaxException;
import org.jlvm.cli.lvm.vg.LvmError;
import org.jlvm.cli.lvm.vg.LvmSettings;
import org.jlvm.cli.lvm.vg.Messages;
import picocli.CommandLine.Mixin;

/**
 * The common frame of the LVM verbs: the {@link CliContext} of the run, the common options, lvm's output
 * conventions (messages on stdout with a two-space indent, unless {@code -q}; warnings on stderr) and test mode.
 */
abstract class LvmVerb implements Callable<Integer>, Messages {
    protected final CliContext ctx;

    @Mixin
    LvmCommonOptions common = new LvmCommonOptions();

    private Config config;
    private boolean failedSome;

    LvmVerb(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final Integer call() throws Exception {
        config();
        if (common.test) {
            print("TEST MODE: Metadata will NOT be updated and volumes will not be (de)activated.");
        }
        int rc = run();
        ctx.out().flush();
        ctx.err().flush();
        return rc;
    }

    abstract int run() throws IOException;

    /** The run's settings: jlvm.yaml, then each {@code --config} in order, over lvm's defaults. */
    Config config() throws IOException {
        if (config == null) {
            Config c = ctx.config();
            for (String text : common.config) {
                try {
                    c = c.with(ConfigSource.parseOverride(text));
                } catch (ConfigSyntaxException e) {
                    throw LvmError.invalid(e.getMessage().replaceFirst("^metadata text ", "Parse error at "),
                            "Failed to set overridden configuration entries.");
                }
            }
            config = c;
        }
        return config;
    }

    LvmSettings settings() {
        return ctx.settings(common.test);
    }

    /** An informational message (lvm's log_print_unless_silent). */
    @Override
    public void print(String message) {
        if (common.quiet.length == 0) {
            ctx.out().println("  " + message);
        }
    }

    /** A warning (stderr; {@code -q} does not silence it, as in lvm). */
    @Override
    public void warn(String message) {
        ctx.err().println("  " + message);
    }

    /** One part of the command failed (lvm's error line); the others go on, and the command ends with 5. */
    void failedOne(String message) {
        warn(message);
        failedSome = true;
    }

    /** 0, or 5 when some part failed ({@link #failedOne}). */
    int status() {
        return failedSome ? ExitCodes.FAILED : ExitCodes.OK;
    }

    void verbose(String message) {
        if (common.verbose.length > 0) {
            ctx.err().println("  " + message);
        }
    }

    PrintWriter out() {
        return ctx.out();
    }

    /** The verb's -y/-f, when it has them. */
    PromptOptions prompts() {
        return new PromptOptions();
    }

    /** Yes without asking under {@code -y} or {@code -f}; otherwise lvm's prompt. */
    boolean confirm(String question) {
        if (prompts().yes || prompts().forced()) {
            return true;
        }
        return ctx.confirm(question);
    }

    static int ok() {
        return ExitCodes.OK;
    }
}
