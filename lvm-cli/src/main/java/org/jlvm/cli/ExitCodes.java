package org.jlvm.cli;

/** Process exit codes: lvm2's for the LVM verbs, thin-provisioning-tools' (0/1) for the thin tools. */
public final class ExitCodes {
    /** Success (lvm ECMD_PROCESSED). */
    public static final int OK = 0;
    /** A thin tool failed (thin-provisioning-tools). */
    public static final int TOOL_FAILED = 1;
    /** Invalid command line (lvm EINVALID_CMD_LINE). */
    public static final int INVALID_COMMAND_LINE = 3;
    /** The command failed (lvm ECMD_FAILED). */
    public static final int FAILED = 5;

    private ExitCodes() {
    }
}
