package org.jlvm.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.text.ConfigNode;
import org.jlvm.cli.lvm.text.ConfigParser;
import org.jlvm.cli.lvm.text.ConfigSyntaxException;
import org.jlvm.cli.lvm.text.ConfigValue;

/**
 * Where settings come from: {@code jlvm.yaml} (sections as maps of keys, lvm's names: {@code allocation:
 * {thin_pool_zero: 0}}) and {@code --config} strings in lvm's syntax, both {@code section/key=value} and
 * {@code section { key=value }}.
 */
public final class ConfigSource {
    public static final String FILE_NAME = "jlvm.yaml";

    private ConfigSource() {
    }

    /** The settings of {@code file}; none when it does not exist. */
    public static Map<String, ConfigValue> readYaml(Path file) throws IOException {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw new IOException(file + ": not a valid settings file" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return out;
        }
        if (!root.isObject()) {
            throw new IOException(file + ": expected sections (a map of maps of settings)");
        }
        flattenYaml("", root, out, file);
        return out;
    }

    private static void flattenYaml(String prefix, JsonNode node, Map<String, ConfigValue> out, Path file)
            throws IOException {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flattenYaml(path, v, out, file);
            } else {
                out.put(path, yamlValue(v, path, file));
            }
        }
    }

    private static ConfigValue yamlValue(JsonNode v, String path, Path file) throws IOException {
        if (v.isArray()) {
            List<ConfigValue> items = new ArrayList<>();
            for (JsonNode i : v) {
                items.add(yamlValue(i, path, file));
            }
            return new ConfigValue.ArrayValue(items);
        }
        if (v.isBoolean()) {
            return new ConfigValue.IntValue(v.asBoolean() ? 1 : 0);
        }
        if (v.isIntegralNumber()) {
            return new ConfigValue.IntValue(v.asLong());
        }
        if (v.isNumber()) {
            return new ConfigValue.FloatValue(v.asText());
        }
        if (v.isTextual()) {
            return new ConfigValue.StringValue(v.asText());
        }
        throw new IOException(file + ": " + path + ": unsupported value " + v);
    }

    /** The settings of one {@code --config} string. */
    public static Map<String, ConfigValue> parseOverride(String text) throws ConfigSyntaxException {
        Map<String, ConfigValue> out = new LinkedHashMap<>();
        flatten("", ConfigParser.parse(text), out);
        return out;
    }

    private static void flatten(String prefix, ConfigNode.Section section, Map<String, ConfigValue> out) {
        for (ConfigNode n : section.children()) {
            String path = prefix.isEmpty() ? n.name() : prefix + "/" + n.name();
            if (n instanceof ConfigNode.Section s) {
                flatten(path, s, out);
            } else if (n instanceof ConfigNode.Setting s) {
                out.put(path, s.value());
            }
        }
    }
}
