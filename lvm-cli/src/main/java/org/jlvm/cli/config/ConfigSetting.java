package org.jlvm.cli.config;

import java.util.Objects;
import org.jlvm.cli.lvm.text.ConfigValue;

/**
 * One lvm.conf setting jlvm knows: its section, key and default ({@code null}: unset by default, as lvm's
 * {@code allocation/thin_pool_chunk_size}).
 */
public record ConfigSetting(String section, String key, ConfigValue defaultValue) {
    public ConfigSetting {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(key, "key");
    }

    /** {@code section/key}. */
    public String path() {
        return section + "/" + key;
    }
}
