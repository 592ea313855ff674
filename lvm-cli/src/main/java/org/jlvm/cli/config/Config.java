package org.jlvm.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jlvm.cli.lvm.text.ConfigValue;
import org.jlvm.cli.lvm.text.ConfigValue.IntValue;
import org.jlvm.cli.lvm.text.ConfigValue.StringValue;

/**
 * The lvm.conf settings of one command run: the values set (by {@code jlvm.yaml}, then {@code --config}, later
 * ones winning) over {@link ConfigSchema}'s defaults. Immutable; keys are {@code section/key}.
 */
public final class Config {
    private static final Config DEFAULTS = new Config(Map.of());

    private final Map<String, ConfigValue> set;

    private Config(Map<String, ConfigValue> set) {
        this.set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
    }

    /** No setting made: defaults everywhere. */
    public static Config defaults() {
        return DEFAULTS;
    }

    /** These settings over the defaults. */
    public static Config of(Map<String, ConfigValue> settings) {
        return new Config(settings);
    }

    /** This config with {@code overrides} set on top. */
    public Config with(Map<String, ConfigValue> overrides) {
        Map<String, ConfigValue> m = new LinkedHashMap<>(set);
        m.putAll(overrides);
        return new Config(m);
    }

    /** The settings made, in the order they were made (lvmconfig's current view). */
    public Map<String, ConfigValue> setValues() {
        return set;
    }

    /** The value set, else the default; empty when neither exists. */
    public Optional<ConfigValue> value(String path) {
        ConfigValue v = set.get(path);
        if (v != null) {
            return Optional.of(v);
        }
        return ConfigSchema.setting(path).map(ConfigSetting::defaultValue);
    }

    /** An integer setting (strings of digits count, as lvm's find_config_int); {@code fallback} when unset. */
    public long number(String path, long fallback) {
        Optional<ConfigValue> v = value(path);
        if (v.isPresent() && v.get() instanceof IntValue i) {
            return i.value();
        }
        if (v.isPresent() && v.get() instanceof StringValue s && s.value().matches("-?\\d+")) {
            return Long.parseLong(s.value());
        }
        return fallback;
    }

    /** An integer setting that may be unset (no default). */
    public Optional<Long> optionalNumber(String path) {
        Optional<ConfigValue> v = value(path);
        if (v.isPresent() && v.get() instanceof IntValue i) {
            return Optional.of(i.value());
        }
        return Optional.empty();
    }

    public boolean bool(String path, boolean fallback) {
        return number(path, fallback ? 1 : 0) != 0;
    }

    /** A string setting; {@code fallback} when unset or not a string. */
    public String string(String path, String fallback) {
        Optional<ConfigValue> v = value(path);
        if (v.isPresent() && v.get() instanceof StringValue s) {
            return s.value();
        }
        return fallback;
    }

    /** A string-list setting (a single string counts as a list of one); empty when unset. */
    public java.util.List<String> strings(String path) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Optional<ConfigValue> v = value(path);
        if (v.isPresent() && v.get() instanceof ConfigValue.ArrayValue a) {
            for (ConfigValue item : a.items()) {
                if (item instanceof StringValue s) {
                    out.add(s.value());
                }
            }
        } else if (v.isPresent() && v.get() instanceof StringValue s) {
            out.add(s.value());
        }
        return out;
    }
}
