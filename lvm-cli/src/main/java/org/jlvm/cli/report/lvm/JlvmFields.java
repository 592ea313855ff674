package org.jlvm.cli.report.lvm;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jlvm.cli.lvm.model.ThinSegment;
import org.jlvm.cli.report.Field;
import org.jlvm.cli.report.Section;
import org.jlvm.cli.report.ValueKind;
import org.jlvm.thin.meta.ThinSharing;

/**
 * The {@code lvs} fields jlvm adds to lvm2's catalogue, listed last in {@code -o help} under their own title.
 * A new field is one line in {@link #SECTION} and one getter in {@link #bind}.
 */
final class JlvmFields {

    static final Section<LvRow> SECTION = new Section<>("jlvm Logical Volume", "jlvm_", List.of(
        new Field<>("thin_exclusive", "Exclusive", 9, ValueKind.SIZE,
            "For thin volumes, the data only this volume maps (jlvm; from the pool metadata).", List.of(), null),
        new Field<>("thin_shared", "Shared", 6, ValueKind.SIZE,
            "For thin volumes, the data this volume shares with other thin devices of its pool (jlvm).",
            List.of(), null),
        new Field<>("nbd_uri", "NBD URI", 7, ValueKind.STRING, "Where an NBD client reaches the active LV "
            + "(nbd+unix:///VG/LV?socket=PATH or nbd://HOST:PORT/VG/LV); empty when the LV is not active (jlvm).",
            List.of(), null)));

    /** The fields {@link #bind} binds, in its order; each getter is made when a report first uses it. */
    private static final List<String> IDS = List.of(
        "thin_exclusive", "thin_shared", "nbd_uri");

    private JlvmFields() {
    }

    static void bind(Map<String, Function<LvRow, Object>> g) {
        for (String id : IDS) {
            g.put(id, new LazyField<>(id, JlvmFields::field));
        }
    }

    /** The getter of {@code id} (linking all of them costs a new JVM about 10 ms; a report uses a few). */
    private static Function<LvRow, Object> field(String id) {
        return switch (id) {
            case "thin_exclusive" -> r -> sharing(r, true);
            case "thin_shared" -> r -> sharing(r, false);
            case "nbd_uri" -> r -> r.vg().live().nbdUri(r.vg().name(), r.lv());
            default -> throw new IllegalArgumentException("no field " + id);
        };
    }

    /** Bytes a thin LV maps alone (or shares), or null when it is no thin LV or its pool cannot be read. */
    private static Object sharing(LvRow r, boolean exclusive) {
        ThinSegment t = LvFields.thin(r);
        if (t == null || LvKind.poolOf(r.vg(), r.lv()) == null) {
            return null;
        }
        Map<Long, ThinSharing.Usage> live = r.vg().live().sharing(r.vg().name(), r.vg().lv(t.thinPool()));
        ThinSharing.Usage u = live != null ? live.get(t.deviceId())
            : r.vg().usage().sharing(r.vg().lv(t.thinPool()), t.deviceId());
        if (u == null) {
            return null;
        }
        long chunkBytes = LvKind.poolOf(r.vg(), r.lv()).chunkSize() * 512;
        return (exclusive ? u.exclusive() : u.shared()) * chunkBytes;
    }
}
