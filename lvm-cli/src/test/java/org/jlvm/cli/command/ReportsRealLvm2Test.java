package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.cli.JlvmRunner;
import org.jlvm.cli.lvm.ondisk.RealLvm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real lvm2 as the oracle of jlvm's reports: on the lifecycle VG (thin pool, thin LVs, snapshots of
 * snapshots, a linear LV) attached read-only with activation off, lvs, vgs and pvs with most of lvm2's fields,
 * --segments, selection, sorting, --rows, --nameprefixes and JSON print what jlvm prints, apart from the
 * activation-state characters of lv_attr and the PV paths (a loop device there, the file here). Data% and
 * Meta% are left out: jlvm reads them from the metadata, lvm leaves them blank for inactive pools. Needs root,
 * losetup and lvm2 like LvmRealToolsTest.
 */
class ReportsRealLvm2Test {

    private static final String LV_FIELDS = "lv_uuid,lv_name,lv_full_name,lv_path,lv_dm_path,lv_parent,lv_layout,"
        + "lv_role,lv_initial_image_sync,lv_image_synced,lv_merging,lv_converting,lv_allocation_policy,"
        + "lv_allocation_locked,lv_fixed_minor,lv_skip_activation,lv_autoactivation,lv_when_full,lv_major,lv_minor,"
        + "lv_read_ahead,lv_size,lv_metadata_size,seg_count,origin,origin_uuid,origin_size,lv_ancestors,"
        + "lv_full_ancestors,lv_descendants,lv_full_descendants,move_pv,convert_lv,mirror_log,data_lv,data_lv_uuid,"
        + "metadata_lv,metadata_lv_uuid,pool_lv,pool_lv_uuid,lv_tags,lv_time,lv_host,lv_modules,lv_historical,"
        + "lv_kernel_major,lv_kernel_minor,lv_permissions,lv_attr";
    private static final String SEG_FIELDS = "lv_name,segtype,stripes,data_stripes,stripe_size,region_size,"
        + "chunk_size,thin_count,discards,zero,transaction_id,thin_id,seg_start,seg_start_pe,seg_size,seg_size_pe,"
        + "seg_tags,seg_pe_ranges,seg_le_ranges,seg_metadata_le_ranges,devices,metadata_devices,seg_monitor";
    private static final String VG_FIELDS = "vg_fmt,vg_uuid,vg_name,vg_attr,vg_permissions,vg_extendable,"
        + "vg_exported,vg_autoactivation,vg_partial,vg_allocation_policy,vg_clustered,vg_shared,vg_size,vg_free,"
        + "vg_sysid,vg_systemid,vg_lock_type,vg_lock_args,vg_extent_size,vg_extent_count,vg_free_count,max_lv,max_pv,"
        + "pv_count,vg_missing_pv_count,lv_count,snap_count,vg_seqno,vg_tags,vg_profile,vg_mda_count,"
        + "vg_mda_used_count,vg_mda_size,vg_mda_copies";
    private static final String PV_FIELDS = "pv_fmt,pv_uuid,dev_size,pv_name,pv_mda_size,pv_ext_vsn,pe_start,pv_size,"
        + "pv_free,pv_used,pv_attr,pv_allocatable,pv_exported,pv_missing,pv_pe_count,pv_pe_alloc_count,pv_tags,"
        + "pv_mda_count,pv_mda_used_count,pv_ba_start,pv_ba_size,pv_in_use,pv_duplicate";

    @TempDir
    Path tmp;

    @Test
    void realLvm2ReportsWhatJlvmReports() throws Exception {
        JlvmRunner j = LvmLifecycleTest.lifecycle(tmp);
        j.ok("lvcreate", "-L", "8m", "-n", "lin2", "vg0");
        j.ok("lvextend", "-L", "+8m", "vg0/lin");
        Path pv = tmp.resolve("pv0.img");
        String[] sep = {"--units", "b", "--nosuffix", "--noheadings", "--separator", "|"};
        List<String[]> commands = List.of(
            with(new String[] {"lvs", "-a", "-o", LV_FIELDS}, sep),
            with(new String[] {"lvs", "-a", "-o", SEG_FIELDS}, sep),
            with(new String[] {"lvs", "-a", "--segments"}, sep),
            with(new String[] {"vgs", "-o", VG_FIELDS}, sep),
            with(new String[] {"pvs", "-o", PV_FIELDS}, sep),
            with(new String[] {"pvs", "--segments", "-o", "+pv_uuid"}, sep),
            new String[] {"lvs", "-a", "--reportformat", "json", "-o", "lv_name,lv_attr,lv_size,origin,thin_id,"
                + "seg_pe_ranges", "--binary", "-o+lv_skip_activation,zero"},
            new String[] {"lvs", "-a", "-S", "lv_size>50m || origin=snap1", "-O",
                "-lv_size,lv_name", "-o", "lv_name,lv_size,origin,lv_role", "--rows", "--units", "k"},
            new String[] {"lvs", "-S", "thin_id>=2", "--nameprefixes", "--unquoted", "--noheadings",
                "-o", "lv_name,lv_layout,lv_role,lv_ancestors,lv_descendants"},
            new String[] {"lvs", "-a", "-o", "lv_name,lv_attr,lv_size,pool_lv,origin", "-O", "origin,-lv_name",
                "--units", "H"},
            new String[] {"vgs", "-o", "+vg_extent_size,vg_free_count,vg_extent_count", "--units", "s"},
            new String[] {"lvs", "-o", "lv_name,seg_size,lv_size", "--units", "m", "--segments", "vg0/lin"});
        try (RealLvm2.Loop loop = RealLvm2.Loop.attach(pv, true)) {
            RealLvm2 lvm = new RealLvm2(List.of(loop.device), tmp);
            for (String[] c : commands) {
                RealLvm2.Result theirs = lvm.lvm(c[0], java.util.Arrays.copyOfRange(c, 1, c.length));
                assertEquals(0, theirs.rc(), theirs.toString());
                assertEquals(List.of(), theirs.otherErrLines(), theirs.toString());
                JlvmRunner.Result ours = j.ok(c);
                String expected = inactive(theirs.out().replace(loop.device, pv.toString()));
                assertEquals(expected, ours.out(), String.join(" ", c));
            }
        }
    }

    /** lvm with activation off prints X for the state and open characters of lv_attr; jlvm - (nothing is active). */
    private static String inactive(String out) {
        return out.replaceAll("(?<=[-a-zA-Z]{4})XX(?=[-a-zA-Z]{4})", "--");
    }

    private static String[] with(String[] a, String[] b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(new String[0]);
    }
}
