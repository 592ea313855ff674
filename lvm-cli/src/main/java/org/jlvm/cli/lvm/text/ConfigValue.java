package org.jlvm.cli.lvm.text;

import java.util.List;

/** A value in lvm's config syntax: integer, float, string or array of those. */
public sealed interface ConfigValue {
    record IntValue(long value) implements ConfigValue {
    }

    /** A float, kept as written (lvm2 never writes floats into VG metadata). */
    record FloatValue(String text) implements ConfigValue {
    }

    record StringValue(String value) implements ConfigValue {
    }

    record ArrayValue(List<ConfigValue> items) implements ConfigValue {
        public ArrayValue {
            items = List.copyOf(items);
        }
    }
}
