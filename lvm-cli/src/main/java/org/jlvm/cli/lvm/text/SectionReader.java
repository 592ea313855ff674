package org.jlvm.cli.lvm.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.text.ConfigNode.Section;
import org.jlvm.cli.lvm.text.ConfigNode.Setting;

/** Typed access to one section's settings; errors name the section path and the key. */
final class SectionReader {
    private final Section section;
    private final String path;

    SectionReader(Section section, String path) {
        this.section = section;
        this.path = path;
    }

    String path() {
        return path;
    }

    Section section() {
        return section;
    }

    SectionReader child(String name) throws MetadataException {
        Section s = section.section(name).orElseThrow(() -> new MetadataException(path + ": missing section " + name));
        return new SectionReader(s, path + "/" + name);
    }

    Optional<SectionReader> optionalChild(String name) {
        return section.section(name).map(s -> new SectionReader(s, path + "/" + name));
    }

    long integer(String key) throws MetadataException {
        return optionalInteger(key).orElseThrow(() -> missing(key));
    }

    Optional<Long> optionalInteger(String key) throws MetadataException {
        Optional<Setting> s = section.setting(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.get().value() instanceof ConfigValue.IntValue i) {
            return Optional.of(i.value());
        }
        throw wrongType(key, "an integer");
    }

    String string(String key) throws MetadataException {
        return optionalString(key).orElseThrow(() -> missing(key));
    }

    Optional<String> optionalString(String key) throws MetadataException {
        Optional<Setting> s = section.setting(key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.get().value() instanceof ConfigValue.StringValue v) {
            return Optional.of(v.value());
        }
        throw wrongType(key, "a string");
    }

    LvmUuid uuid(String key) throws MetadataException {
        String text = string(key);
        try {
            return LvmUuid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new MetadataException(path + ": " + key + ": " + e.getMessage());
        }
    }

    /** A list of strings; an absent key is an empty list. */
    List<String> strings(String key) throws MetadataException {
        Optional<Setting> s = section.setting(key);
        if (s.isEmpty()) {
            return List.of();
        }
        if (!(s.get().value() instanceof ConfigValue.ArrayValue a)) {
            throw wrongType(key, "an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue v : a.items()) {
            if (!(v instanceof ConfigValue.StringValue sv)) {
                throw wrongType(key, "an array of strings");
            }
            out.add(sv.value());
        }
        return out;
    }

    List<ConfigValue> array(String key) throws MetadataException {
        Optional<Setting> s = section.setting(key);
        if (s.isEmpty()) {
            throw missing(key);
        }
        if (s.get().value() instanceof ConfigValue.ArrayValue a) {
            return a.items();
        }
        throw wrongType(key, "an array");
    }

    MetadataException error(String problem) {
        return new MetadataException(path + ": " + problem);
    }

    private MetadataException missing(String key) {
        return new MetadataException(path + ": missing " + key);
    }

    private MetadataException wrongType(String key, String expected) {
        return new MetadataException(path + ": " + key + " is not " + expected);
    }
}
