package org.jlvm.tools.check;

/** One problem thin_check found; {@link #fatal()} decides the verdict, {@link #lines()} is what it prints. */
public sealed interface Damage {
    boolean fatal();

    /** The stderr lines (already indented) describing this damage. */
    String lines();

    static String range(long begin, Long end) {
        return "[" + Long.toUnsignedString(begin) + ", " + (end == null ? "-" : Long.toUnsignedString(end)) + "]";
    }

    /** Block 0 failed validation. */
    record SuperblockCorrupt(String reason) implements Damage {
        public boolean fatal() {
            return true;
        }

        public String lines() {
            return "  superblock is corrupt\n    " + reason;
        }
    }

    /** Part of the device-details tree is unreadable; devices [begin, end) are lost. */
    record MissingDevices(long begin, Long end, String reason) implements Damage {
        public boolean fatal() {
            return true;
        }

        public String lines() {
            return "  missing devices: " + range(begin, end) + "\n    " + reason;
        }
    }

    /** Part of the top level of the mapping tree is unreadable; devices [begin, end) lost all mappings. */
    record MissingAllMappings(long begin, Long end, String reason) implements Damage {
        public boolean fatal() {
            return true;
        }

        public String lines() {
            return "  missing all mappings for devices: " + range(begin, end) + "\n    " + reason;
        }
    }

    /** Part of one device's mapping tree is unreadable. */
    record MissingMappings(long dev, long begin, Long end, String reason) implements Damage {
        public boolean fatal() {
            return true;
        }

        public String lines() {
            return "  thin device " + Long.toUnsignedString(dev) + " is missing mappings " + range(begin, end)
                    + "\n    " + reason;
        }
    }

    /** A space-map block (index, bitmap) or tree is unreadable. */
    record SpaceMapUnreadable(String reason) implements Damage {
        public boolean fatal() {
            return true;
        }

        public String lines() {
            return reason;
        }
    }

    /**
     * A metadata block's stored reference count differs from the references found: a leak (stored larger)
     * is not fatal, a missing count is.
     */
    record MetadataRefCount(long block, long expected, long actual) implements Damage {
        public boolean fatal() {
            return actual < expected;
        }

        public String lines() {
            return "  metadata reference counts differ for block " + block + ", expected " + expected
                    + ", but got " + actual;
        }
    }

    /** Damage the 0.9.0 thin_check does not look for (the Rust 1.x tools do); never fatal here. */
    sealed interface Stricter extends Damage {
        /**
         * Non-fatal, even for counts that are too low (which the 1.x tools treat as fatal): these checks are
         * additions to 0.9.0's, and --ignore-non-fatal-errors must keep 0.9.0's verdict on the same metadata.
         */
        default boolean fatal() {
            return false;
        }
    }

    /** One data block whose stored count differs from the number of leaf entries mapping it. */
    record DataCount(long block, long expected, long actual) {
    }

    /**
     * Data blocks whose data space-map count is higher than the number of distinct level-1 leaf entries
     * mapping them ({@code leaked}) or lower ({@code !leaked}); {@code examples} lists the first few.
     */
    record DataRefCounts(boolean leaked, long total, java.util.List<DataCount> examples) implements Stricter {
        public String lines() {
            StringBuilder sb = new StringBuilder("  ").append(total).append(total == 1 ? " data block " : " data blocks ")
                    .append(leaked ? (total == 1 ? "has leaked" : "have leaked")
                            : (total == 1 ? "has too few references" : "have too few references"))
                    .append(" in the data space map:");
            for (DataCount c : examples) {
                sb.append("\n    data block ").append(Long.toUnsignedString(c.block())).append(": expected count ")
                        .append(c.expected()).append(", but got ").append(c.actual());
            }
            if (total > examples.size()) {
                sb.append("\n    ... and ").append(total - examples.size()).append(" more");
            }
            return sb.toString();
        }
    }

    /** Devices in the mapping tree without details ({@code noDetails}) and the other way round ({@code noTree}). */
    record DeviceTreesDiffer(java.util.List<Long> noDetails, java.util.List<Long> noTree, boolean snapshot)
            implements Stricter {
        public String lines() {
            String where = snapshot ? " (metadata snapshot)" : "";
            StringBuilder sb = new StringBuilder();
            if (!noDetails.isEmpty()) {
                sb.append("  thin devices ").append(ids(noDetails)).append(where)
                        .append(" have mappings but no device details");
            }
            if (!noTree.isEmpty()) {
                sb.append(sb.length() > 0 ? "\n" : "").append("  thin devices ").append(ids(noTree)).append(where)
                        .append(" have device details but no mapping tree");
            }
            return sb.toString();
        }

        private static String ids(java.util.List<Long> devs) {
            StringBuilder sb = new StringBuilder("[");
            for (Long d : devs) {
                sb.append(sb.length() > 1 ? ", " : "").append(Long.toUnsignedString(d));
            }
            return sb.append("]").toString();
        }
    }

    /** Counts in a space map's overflow tree for blocks at or past its nr_blocks (the lowest of them). */
    record OverflowBeyond(String map, long total, long first, long nrBlocks) implements Stricter {
        public String lines() {
            return "  the " + map + " space map's overflow tree holds " + total + (total == 1 ? " count" : " counts")
                    + " for blocks beyond its " + Long.toUnsignedString(nrBlocks) + " blocks, the first for block "
                    + Long.toUnsignedString(first);
        }
    }

    /** Counts in a space map's overflow tree for blocks whose (right) bitmap entry is below 3. */
    record OverflowStrays(String map, long total) implements Stricter {
        public String lines() {
            return "  the " + map + " space map's overflow tree holds " + total + (total == 1 ? " count" : " counts")
                    + " for blocks whose bitmap entry is not 3";
        }
    }

    /** Leaf entries mapping data blocks at or past the data space map's nr_blocks (the first one's block). */
    record MappingsBeyondData(long total, long first, long nrData) implements Stricter {
        public String lines() {
            return "  " + total + (total == 1 ? " mapping points" : " mappings point") + " beyond the data device ("
                    + Long.toUnsignedString(nrData) + " blocks), the first to data block "
                    + Long.toUnsignedString(first);
        }
    }

    /** A device's details say {@code actual} mapped blocks, its mapping tree holds {@code expected}. */
    record MappedBlocks(long dev, long expected, long actual, boolean snapshot) implements Stricter {
        public String lines() {
            return "  thin device " + Long.toUnsignedString(dev) + (snapshot ? " (metadata snapshot)" : "")
                    + " has wrong mapped_blocks in the device details: expected " + expected
                    + " (mappings counted), but got " + Long.toUnsignedString(actual);
        }
    }
}
