package org.jlvm.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jlvm.cli.lvm.text.ConfigValue;
import org.jlvm.cli.lvm.text.ConfigValue.ArrayValue;
import org.jlvm.cli.lvm.text.ConfigValue.IntValue;
import org.jlvm.cli.lvm.text.ConfigValue.StringValue;

/**
 * The lvm.conf settings jlvm reads, with lvm2 2.03.16's section/key names and defaults (lvm's
 * {@code config_settings.h}), in lvm's section order.
 */
public final class ConfigSchema {
    public static final String PHYSICAL_EXTENT_SIZE = "allocation/physical_extent_size";
    public static final String THIN_POOL_CHUNK_SIZE = "allocation/thin_pool_chunk_size";
    public static final String THIN_POOL_ZERO = "allocation/thin_pool_zero";
    public static final String THIN_POOL_DISCARDS = "allocation/thin_pool_discards";
    public static final String THIN_POOL_AUTOEXTEND_THRESHOLD = "activation/thin_pool_autoextend_threshold";
    public static final String UNITS = "global/units";
    public static final String SUFFIX = "global/suffix";
    public static final String SHELL_PROMPT = "shell/prompt";
    public static final String SHELL_HISTORY_SIZE = "shell/history_size";

    private static final Map<String, ConfigSetting> SETTINGS = new LinkedHashMap<>();

    static {
        add("devices", "use_devicesfile", num(1));
        add("devices", "devicesfile", str("system.devices"));
        add("devices", "scan_lvs", num(0));
        add("allocation", "physical_extent_size", num(4096));
        add("allocation", "thin_pool_metadata_require_separate_pvs", num(0));
        add("allocation", "thin_pool_crop_metadata", num(0));
        add("allocation", "thin_pool_zero", num(1));
        add("allocation", "thin_pool_discards", str("passdown"));
        add("allocation", "thin_pool_chunk_size_policy", str("generic"));
        add("allocation", "thin_pool_chunk_size", null);
        add("allocation", "zero_metadata", num(1));
        add("log", "verbose", num(0));
        add("log", "silent", num(0));
        add("backup", "backup", num(1));
        add("backup", "archive", num(1));
        add("backup", "retain_min", num(10));
        add("backup", "retain_days", num(30));
        add("shell", "history_size", num(100));
        add("shell", "prompt", str("lvm> "));
        add("global", "units", str("r"));
        add("global", "si_unit_consistency", num(1));
        add("global", "suffix", num(1));
        add("global", "activation", num(1));
        add("global", "thin_check_executable", str("/usr/sbin/thin_check"));
        add("global", "thin_check_options", new ArrayValue(List.of(str("-q"), str("--clear-needs-check-flag"))));
        add("global", "thin_repair_executable", str("/usr/sbin/thin_repair"));
        add("global", "thin_repair_options", new ArrayValue(List.of(str(""))));
        add("global", "thin_dump_executable", str("/usr/sbin/thin_dump"));
        add("activation", "thin_pool_autoextend_threshold", num(100));
        add("activation", "thin_pool_autoextend_percent", num(20));
        add("activation", "error_when_full", num(0));
        add("activation", "auto_set_activation_skip", num(1));
        add("report", "output_format", str("basic"));
        add("report", "aligned", num(1));
        add("report", "buffered", num(1));
        add("report", "headings", num(1));
        add("report", "separator", str(" "));
        add("report", "prefixes", num(0));
        add("report", "quoted", num(1));
        add("report", "binary_values_as_numeric", num(0));
        add("report", "time_format", str("%Y-%m-%d %T %z"));
        add("report", "lvs_sort", str("vg_name,lv_name"));
        add("report", "lvs_cols", str("lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,"
                + "metadata_percent,move_pv,mirror_log,copy_percent,convert_lv"));
        add("report", "vgs_sort", str("vg_name"));
        add("report", "vgs_cols", str("vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free"));
        add("report", "pvs_sort", str("pv_name"));
        add("report", "pvs_cols", str("pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free"));
    }

    private ConfigSchema() {
    }

    private static IntValue num(long v) {
        return new IntValue(v);
    }

    private static StringValue str(String v) {
        return new StringValue(v);
    }

    private static void add(String section, String key, ConfigValue def) {
        ConfigSetting s = new ConfigSetting(section, key, def);
        SETTINGS.put(s.path(), s);
    }

    public static Optional<ConfigSetting> setting(String path) {
        return Optional.ofNullable(SETTINGS.get(path));
    }

    public static List<ConfigSetting> all() {
        return List.copyOf(SETTINGS.values());
    }

    /** The sections, in lvm's order. */
    public static List<String> sections() {
        List<String> out = new ArrayList<>();
        for (ConfigSetting s : SETTINGS.values()) {
            if (!out.contains(s.section())) {
                out.add(s.section());
            }
        }
        return out;
    }
}
