package org.jlvm.cli.lvm.text;

import java.util.List;
import java.util.Optional;

/** A node of an lvm config tree: a section with children or a {@code key = value} setting. */
public sealed interface ConfigNode {
    String name();

    /**
     * {@code key = value}; {@code comment} is the text of a comment on the same line after the value (without
     * the {@code #} and the space after it), or null.
     */
    record Setting(String name, ConfigValue value, String comment) implements ConfigNode {
    }

    /** {@code name { children }}; the root section has the name "". Children keep their order. */
    record Section(String name, List<ConfigNode> children) implements ConfigNode {
        public Section {
            children = List.copyOf(children);
        }

        public Optional<Setting> setting(String key) {
            for (ConfigNode n : children) {
                if (n instanceof Setting s && s.name().equals(key)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        public Optional<Section> section(String key) {
            for (ConfigNode n : children) {
                if (n instanceof Section s && s.name().equals(key)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        public List<Section> sections() {
            return children.stream().filter(Section.class::isInstance).map(Section.class::cast).toList();
        }
    }
}
