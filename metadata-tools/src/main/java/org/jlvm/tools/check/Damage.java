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
}
