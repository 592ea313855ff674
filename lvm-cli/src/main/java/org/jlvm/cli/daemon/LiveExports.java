package org.jlvm.cli.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jlvm.cli.nbd.Export;
import org.jlvm.cli.nbd.ExportRegistry;

/**
 * The exports of the active LVs ({@code VG/LV}), changing as LVs are activated and deactivated, with the number of
 * connections using each (an LV with one is open). There is no default export. Thread-safe.
 */
final class LiveExports implements ExportRegistry {
    private final Map<String, Export> byName = new ConcurrentSkipListMap<>();
    /** Connections by export name: one opened on an export since replaced still counts for its name. */
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    void add(Export e) {
        if (byName.putIfAbsent(e.name(), e) != null) {
            throw new IllegalStateException("export " + e.name() + " exists");
        }
    }

    /** Puts {@code e} in place of the export of the same name; connections using the old one keep it. */
    void replace(Export e) {
        if (byName.replace(e.name(), e) == null) {
            throw new IllegalStateException("export " + e.name() + " does not exist");
        }
    }

    void remove(String name) {
        byName.remove(name);
    }

    /** Connections transmitting on the export called {@code name} now. */
    int openCount(String name) {
        return open.getOrDefault(name, 0);
    }

    @Override
    public Optional<Export> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    @Override
    public List<Export> list() {
        return new ArrayList<>(byName.values());
    }

    @Override
    public void opened(Export export) {
        open.merge(export.name(), 1, Integer::sum);
    }

    @Override
    public void closed(Export export) {
        open.computeIfPresent(export.name(), (k, n) -> n <= 1 ? null : n - 1);
    }
}
