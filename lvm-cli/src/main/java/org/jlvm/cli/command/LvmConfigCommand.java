package org.jlvm.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jlvm.cli.CliContext;
import org.jlvm.cli.config.Config;
import org.jlvm.cli.config.ConfigPrinter;
import org.jlvm.cli.config.ConfigPrinter.Entry;
import org.jlvm.cli.config.ConfigSchema;
import org.jlvm.cli.config.ConfigSetting;
import org.jlvm.cli.lvm.text.ConfigValue;
import org.jlvm.cli.lvm.vg.LvmError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lvmconfig [--type current|default|diff|full] [section[/key]...]}: the settings of {@code jlvm.yaml} and
 * {@code --config} (current), lvm's defaults (commented out, as lvm prints them), the settings that differ from
 * the default (diff), or all settings with their effective values (full).
 */
@Command(name = "lvmconfig", description = {"Display and manipulate configuration information.",
        "jlvm: the configuration is JLVM_HOME/jlvm.yaml (lvm.conf's sections and keys; no file: defaults)."})
final class LvmConfigCommand extends LvmVerb {
    @Option(names = {"--type", "--typeconfig"}, paramLabel = "current|default|diff|full",
            description = "Which settings: current (default), default, diff, full.")
    String type = "current";

    @Parameters(paramLabel = "ConfigurationNode", arity = "0..*")
    List<String> nodes = new ArrayList<>();

    LvmConfigCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    int run() throws IOException {
        if (!List.of("current", "default", "diff", "full").contains(type)) {
            throw LvmError.invalidNoHint("Invalid argument for --typeconfig: " + type,
                    "Error during parsing of command line.");
        }
        List<Entry> entries = entries(config());
        if (nodes.isEmpty()) {
            ConfigPrinter.sections(entries).forEach(out()::println);
            return ok();
        }
        int rc = ok();
        for (String node : nodes) {
            String path = node.replaceAll("^/+|/+$", "");
            Optional<Entry> one = entries.stream().filter(e -> e.path().equals(path)).findFirst();
            List<Entry> under = entries.stream().filter(e -> e.path().startsWith(path + "/")).toList();
            if (one.isPresent()) {
                out().println(ConfigPrinter.single(one.get()));
            } else if (!under.isEmpty()) {
                ConfigPrinter.sections(under).forEach(out()::println);
            } else if (!type.equals("default") || !known(path)) {
                warn("Configuration node " + path + " not found");
                rc = LvmError.FAILED;
            }
        }
        return rc;
    }

    /** A setting lvm knows without a default (printed as nothing under --type default). */
    private static boolean known(String path) {
        return ConfigSchema.setting(path).isPresent()
                || ConfigSchema.sections().contains(path);
    }

    private List<Entry> entries(Config c) {
        List<Entry> out = new ArrayList<>();
        switch (type) {
            case "default" -> {
                for (ConfigSetting s : ConfigSchema.all()) {
                    if (s.defaultValue() != null) {
                        out.add(new Entry(s.path(), s.defaultValue(), true));
                    }
                }
            }
            case "full" -> {
                for (ConfigSetting s : ConfigSchema.all()) {
                    c.value(s.path()).ifPresent(v -> out.add(new Entry(s.path(), v, false)));
                }
                for (Map.Entry<String, ConfigValue> e : c.setValues().entrySet()) {
                    if (ConfigSchema.setting(e.getKey()).isEmpty()) {
                        out.add(new Entry(e.getKey(), e.getValue(), false));
                    }
                }
            }
            case "diff" -> {
                for (Map.Entry<String, ConfigValue> e : c.setValues().entrySet()) {
                    ConfigValue def = ConfigSchema.setting(e.getKey()).map(ConfigSetting::defaultValue).orElse(null);
                    if (!e.getValue().equals(def)) {
                        out.add(new Entry(e.getKey(), e.getValue(), false));
                    }
                }
            }
            default -> {
                for (Map.Entry<String, ConfigValue> e : c.setValues().entrySet()) {
                    out.add(new Entry(e.getKey(), e.getValue(), false));
                }
            }
        }
        return out;
    }
}
