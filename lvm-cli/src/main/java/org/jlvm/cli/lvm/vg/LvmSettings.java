package org.jlvm.cli.lvm.vg;

/**
 * What every verb's VG work needs from the command line: where the state lives, the full command line (for
 * the archive/backup descriptions), test mode ({@code -t}: nothing is written), how long to wait for a lock, and
 * the LVs held active by the daemon.
 */
public record LvmSettings(LvmHome home, String commandLine, boolean testMode, long lockWaitMillis,
        ActivePools active) {
    /** Settings of a run that sees no daemon (tests and tools working on inactive VGs). */
    public LvmSettings(LvmHome home, String commandLine, boolean testMode, long lockWaitMillis) {
        this(home, commandLine, testMode, lockWaitMillis, ActivePools.NONE);
    }

    /** The command's name, e.g. {@code lvcreate}. */
    public String command() {
        int sp = commandLine.indexOf(' ');
        return sp < 0 ? commandLine : commandLine.substring(0, sp);
    }
}
