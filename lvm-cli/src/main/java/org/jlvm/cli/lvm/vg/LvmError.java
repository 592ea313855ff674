package org.jlvm.cli.lvm.vg;

import java.util.List;

/**
 * A failure an LVM verb reports the way lvm does: message lines (without lvm's two-space indent, which the
 * printer adds), an exit code (3 invalid command line, 5 failed), and whether lvm adds its
 * {@code Run `cmd --help' for more information.} line.
 */
public final class LvmError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** lvm EINVALID_CMD_LINE. */
    public static final int INVALID = 3;
    /** lvm ECMD_FAILED. */
    public static final int FAILED = 5;

    private final int exitCode;
    private final List<String> lines;
    private final boolean usageHint;

    private LvmError(int exitCode, boolean usageHint, List<String> lines) {
        super(String.join("; ", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
        this.usageHint = usageHint;
    }

    /** The command failed (exit 5). */
    public static LvmError failed(String... lines) {
        return new LvmError(FAILED, false, List.of(lines));
    }

    /** A bad command line (exit 3), followed by lvm's "Run `cmd --help'" hint. */
    public static LvmError invalid(String... lines) {
        return new LvmError(INVALID, true, List.of(lines));
    }

    /** A bad command line (exit 3) without the hint. */
    public static LvmError invalidNoHint(String... lines) {
        return new LvmError(INVALID, false, List.of(lines));
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> lines() {
        return lines;
    }

    public boolean usageHint() {
        return usageHint;
    }
}
