package org.jlvm.cli.command;

import java.io.IOException;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.Version;
import picocli.CommandLine.Command;

/**
 * {@code version}: lvm's version lines. The LVM version is the lvm2 release whose behaviour jlvm follows; there
 * is no device-mapper library or driver, and the configuration line names JLVM_HOME.
 */
@Command(name = "version", description = "Display software and driver version information.")
final class VersionCommand extends LvmVerb {
    /** The lvm2 release whose messages, formats and exit codes jlvm copies. */
    static final String LVM_VERSION = "2.03.16(2) (2022-05-18)";

    VersionCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        print("LVM version:     " + LVM_VERSION);
        print("Library version: jlvm " + Version.get());
        print("Driver version:  none (jlvm has no device-mapper)");
        print("Configuration:   " + ctx.home().root().resolve(org.jlvm.cli.config.ConfigSource.FILE_NAME));
        return ok();
    }
}
