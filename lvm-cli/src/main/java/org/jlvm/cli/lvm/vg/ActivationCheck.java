package org.jlvm.cli.lvm.vg;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import org.jlvm.cli.lvm.model.LogicalVolume;
import org.jlvm.cli.lvm.model.ThinPoolSegment;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.tools.check.CheckOptions;
import org.jlvm.tools.check.CheckReport;
import org.jlvm.tools.check.Checker;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;

/**
 * The metadata check lvm runs before it activates a thin pool ({@code global/thin_check_executable} with
 * {@code global/thin_check_options}, by default {@code -q --clear-needs-check-flag}): jlvm's own thin_check, in
 * this process, on the pool's {@code _tmeta} extents, before the daemon opens the pool. An empty executable skips
 * it, as in lvm; so does a superblock of zeros (lvm leaves such a pool to be formatted). With
 * {@code --clear-needs-check-flag}, metadata that passes loses its needs_check flag.
 */
public final class ActivationCheck {
    private final boolean enabled;
    private final boolean quiet;
    private final boolean clearNeedsCheck;
    private final boolean skipMappings;
    private final boolean superBlockOnly;
    private final boolean ignoreNonFatal;
    private final String badOption;

    private ActivationCheck(boolean enabled, List<String> options) {
        this.enabled = enabled;
        boolean q = false;
        boolean clear = false;
        boolean skip = false;
        boolean sbOnly = false;
        boolean ignore = false;
        String bad = null;
        for (String o : options) {
            switch (o) {
                case "" -> { }
                case "-q", "--quiet" -> q = true;
                case "--clear-needs-check-flag" -> clear = true;
                case "--skip-mappings" -> skip = true;
                case "--super-block-only" -> sbOnly = true;
                case "--ignore-non-fatal-errors" -> ignore = true;
                default -> bad = bad == null ? o : bad;
            }
        }
        this.quiet = q;
        this.clearNeedsCheck = clear && !skip && !sbOnly && !ignore;
        this.skipMappings = skip;
        this.superBlockOnly = sbOnly;
        this.ignoreNonFatal = ignore;
        this.badOption = bad;
    }

    /** The check {@code executable} (empty: none) with {@code options} would run. */
    public static ActivationCheck of(String executable, List<String> options) {
        return new ActivationCheck(!executable.isEmpty(), options);
    }

    /**
     * Checks the metadata of {@code pool} (not active); what the check prints (without {@code -q}) goes to
     * {@code toolOutput}.
     *
     * @return null when the pool may be activated, else lvm's error line
     */
    public String check(VgSession s, LogicalVolume pool, PrintWriter toolOutput) throws IOException {
        ThinPoolSegment seg = ThinPools.poolSegment(pool);
        if (!enabled || seg == null) {
            return null;
        }
        String failed = "Check of pool " + s.vg().name() + "/" + pool.name() + " failed (status:1). Manual repair "
                + "required!";
        if (badOption != null) {
            toolOutput.println("thin_check: unrecognized option '" + badOption + "'");
            toolOutput.flush();
            return failed;
        }
        LogicalVolume tmeta = s.lv(seg.metadataLv());
        try (BlockDevice dev = s.lvDevice(tmeta)) {
            if (zeroSuperblock(dev)) {
                return null;
            }
            MetadataFile f = MetadataFile.of(dev, ThinPools.dmPath(s.vg().name(), tmeta.name()));
            CheckOptions o = new CheckOptions(false, superBlockOnly, skipMappings, ignoreNonFatal, clearNeedsCheck,
                    false, null);
            CheckReport r;
            try {
                r = Cancellation.shielded(() -> Checker.check(f, o));
            } catch (ToolException e) {
                toolOutput.println("thin_check: " + e.getMessage());
                toolOutput.flush();
                return failed;
            }
            if (clearNeedsCheck) {
                dev.flush();
            }
            if (!quiet) {
                r.out().forEach(toolOutput::println);
                r.err().forEach(toolOutput::println);
                toolOutput.flush();
            }
            int status = r.exitCode(ignoreNonFatal);
            return status == 0 ? null : failed.replace("(status:1)", "(status:" + status + ")");
        }
    }

    private static boolean zeroSuperblock(BlockDevice dev) throws IOException {
        if (dev.size() < MetadataFile.BLOCK_SIZE) {
            return false;
        }
        ByteBuffer b = ByteBuffer.allocate(MetadataFile.BLOCK_SIZE);
        dev.read(0, b);
        for (byte x : b.array()) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
