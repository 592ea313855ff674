package org.jlvm.cli.nbd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The exports a server offers, by name. Implementations are thread-safe; the set may change while serving. */
public interface ExportRegistry {

    /** The export called {@code name}; the empty name asks for the default export, if there is one. */
    Optional<Export> find(String name);

    /** Every export, in the order {@code NBD_OPT_LIST} shows them. */
    List<Export> list();

    /** A connection starts transmitting on {@code export} (its handshake chose it). */
    default void opened(Export export) {
    }

    /** A connection that {@link #opened} {@code export} has ended. */
    default void closed(Export export) {
    }

    /** A fixed registry; the first export is also the default (empty name). */
    static ExportRegistry of(List<Export> exports) {
        Map<String, Export> byName = new LinkedHashMap<>();
        for (Export e : exports) {
            if (byName.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException("two exports are called '" + e.name() + "'");
            }
        }
        List<Export> all = List.copyOf(byName.values());
        return new ExportRegistry() {
            @Override
            public Optional<Export> find(String name) {
                if (name.isEmpty() && !all.isEmpty() && !byName.containsKey("")) {
                    return Optional.of(all.get(0));
                }
                return Optional.ofNullable(byName.get(name));
            }

            @Override
            public List<Export> list() {
                return all;
            }
        };
    }
}
