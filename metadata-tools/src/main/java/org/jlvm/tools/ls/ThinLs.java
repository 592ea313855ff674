package org.jlvm.tools.ls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.tools.ir.DataCounts;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;

/** thin_ls (0.9.0): one row per device, the requested fields in a right-justified grid. */
public final class ThinLs {
    /** The fields thin_ls can print, in the order of its usage text. */
    public enum Field {
        DEV, MAPPED_BLOCKS, EXCLUSIVE_BLOCKS, SHARED_BLOCKS, MAPPED_SECTORS, EXCLUSIVE_SECTORS, SHARED_SECTORS,
        MAPPED_BYTES, EXCLUSIVE_BYTES, SHARED_BYTES, MAPPED, EXCLUSIVE, SHARED, TRANSACTION, CREATE_TIME,
        SNAP_TIME,
        /** 1.x fields: the highest mapped virtual block, its first sector and byte, and the size it reaches. */
        HIGHEST_BLOCK, HIGHEST_SECTOR, HIGHEST_BYTE, HIGHEST_MAPPED;

        boolean needsWalk() {
            String n = name();
            return n.startsWith("EXCLUSIVE") || n.startsWith("SHARED");
        }

        boolean needsHighest() {
            return name().startsWith("HIGHEST");
        }
    }

    public static final List<Field> DEFAULT = List.of(Field.DEV, Field.MAPPED, Field.CREATE_TIME, Field.SNAP_TIME);

    private ThinLs() {
    }

    /** Parses a -o list; unknown names are an error ("unknown field"). */
    public static List<Field> parseFields(String list) throws ToolException {
        List<Field> out = new ArrayList<>();
        for (String s : list.split(",", -1)) {
            try {
                out.add(Field.valueOf(s));
            } catch (IllegalArgumentException e) {
                throw new ToolException("unknown field");
            }
        }
        return out;
    }

    /** The table thin_ls prints. {@code metadataSnap} null = live metadata, 0 = the held snapshot. */
    public static String list(MetadataFile f, Long metadataSnap, List<Field> fields, boolean headers)
            throws ToolException {
        ThinPool pool = ThinPool.open(f, metadataSnap);
        Map<Long, DeviceInfo> details = pool.details("metadata contains errors (run thin_check for details).");
        long dbs = pool.superblock().dataBlockSize() & 0xFFFFFFFFL;
        Map<Long, Long> exclusive = new HashMap<>();
        Map<Long, Long> highest = new HashMap<>();
        boolean wantHighest = fields.stream().anyMatch(Field::needsHighest);
        if ((wantHighest || fields.stream().anyMatch(Field::needsWalk)) && !details.isEmpty()) {
            List<long[]> roots = new ArrayList<>();
            for (long dev : details.keySet()) {
                Long root;
                try {
                    root = pool.lookupRoot(dev);
                } catch (ToolException e) {
                    throw new ToolException(e.getMessage() + "\n");
                }
                if (root == null) {
                    throw new ToolException("couldn't find mapping tree root");
                }
                roots.add(new long[] {dev, root});
            }
            DataCounts counts = new DataCounts(1L << 40);
            String damaged = "metadata contains errors (run thin_check for details).";
            for (long[] r : roots) {
                long[] top = {-1};
                pool.mappings(r[1], (v, d, t) -> {
                    counts.inc(d);
                    top[0] = Math.max(top[0], v);
                }, damaged);
                highest.put(r[0], top[0]);
            }
            for (long[] r : roots) {
                long[] n = new long[1];
                pool.mappings(r[1], (v, d, t) -> {
                    if (counts.get(d) == 1) {
                        n[0]++;
                    }
                }, damaged);
                exclusive.put(r[0], n[0]);
            }
        }
        List<String[]> rows = new ArrayList<>();
        if (headers) {
            rows.add(fields.stream().map(Field::name).toArray(String[]::new));
        }
        for (DeviceInfo d : details.values()) {
            long mapped = d.mappedBlocks();
            long excl = exclusive.getOrDefault(d.devId(), 0L);
            long shared = mapped - excl;
            long high = highest.getOrDefault(d.devId(), -1L);
            String[] row = new String[fields.size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = switch (fields.get(i)) {
                    case DEV -> u(d.devId());
                    case MAPPED_BLOCKS -> u(mapped);
                    case EXCLUSIVE_BLOCKS -> u(excl);
                    case SHARED_BLOCKS -> u(shared);
                    case MAPPED_SECTORS -> u(mapped * dbs);
                    case EXCLUSIVE_SECTORS -> u(excl * dbs);
                    case SHARED_SECTORS -> u(shared * dbs);
                    case MAPPED_BYTES -> u(mapped * dbs * 512);
                    case EXCLUSIVE_BYTES -> u(excl * dbs * 512);
                    case SHARED_BYTES -> u(shared * dbs * 512);
                    case MAPPED -> human(mapped * dbs * 512);
                    case EXCLUSIVE -> human(excl * dbs * 512);
                    case SHARED -> human(shared * dbs * 512);
                    case TRANSACTION -> u(d.transaction());
                    case CREATE_TIME -> u(d.creationTime());
                    case SNAP_TIME -> u(d.snapTime());
                    case HIGHEST_BLOCK -> high < 0 ? "-" : u(high);
                    case HIGHEST_SECTOR -> high < 0 ? "-" : u(high * dbs);
                    case HIGHEST_BYTE -> high < 0 ? "-" : u(high * dbs * 512);
                    case HIGHEST_MAPPED -> high < 0 ? "-" : human((high + 1) * dbs * 512);
                };
            }
            rows.add(row);
        }
        int[] width = new int[fields.size()];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                sb.append(" ".repeat(width[i] - r[i].length())).append(r[i]).append(' ');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static final String[] UNITS = {"", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /** 0.9.0's size formatting: whole units, switching up while the value exceeds 1 MiB, then 8192. */
    static String human(long bytes) {
        long v = bytes;
        int unit = 0;
        while (Long.compareUnsigned(v, 1024L * 1024) > 0 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (Long.compareUnsigned(v, 8192) > 0 && unit < UNITS.length - 1) {
            v = (v + 512) / 1024;
            unit++;
        }
        return Long.toUnsignedString(v) + UNITS[unit];
    }
}
