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
    private final Map<Export, Integer> open = new ConcurrentHashMap<>();

    void add(Export e) {
        if (byName.putIfAbsent(e.name(), e) != null) {
            throw new IllegalStateException("export " + e.name() + " exists");
        }
    }

    void remove(String name) {
        byName.remove(name);
    }

    /** Connections transmitting on the export called {@code name} now. */
    int openCount(String name) {
        Export e = byName.get(name);
        return e == null ? 0 : open.getOrDefault(e, 0);
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
        open.merge(export, 1, Integer::sum);
    }

    @Override
    public void closed(Export export) {
        open.computeIfPresent(export, (k, n) -> n <= 1 ? null : n - 1);
    }
}
