package org.jlvm.cli.nbd;

import java.util.Objects;
import java.util.Optional;
import org.jlvm.pool.io.BlockDevice;

/**
 * One device offered over NBD under a name (e.g. {@code VG/LV}). The server never closes the device.
 *
 * @param name          the export name clients ask for (UTF-8, at most 4096 bytes)
 * @param description   shown by {@code NBD_OPT_LIST} and {@code NBD_INFO_DESCRIPTION}; may be empty
 * @param device        the device; thread-safe, as every {@link BlockDevice} is
 * @param readOnly      advertise {@code NBD_FLAG_READ_ONLY} and refuse writes with {@code EPERM}
 * @param allocation    answers {@code base:allocation} block status and lets reads send holes; empty: everything
 *                      is reported allocated
 * @param fastZeroes    {@link BlockDevice#writeZeroes} is cheap (e.g. unmaps blocks) rather than a write of zero
 *                      buffers, so {@code NBD_CMD_FLAG_FAST_ZERO} requests may proceed
 * @param minBlockSize  the minimum block size advertised and enforced (1 or a power of two up to 65536); the
 *                      device size must be a multiple of it
 */
public record Export(String name, String description, BlockDevice device, boolean readOnly,
                     Optional<AllocationMap> allocation, boolean fastZeroes, int minBlockSize) {

    /** The longest export name or description accepted (the protocol's string limit). */
    public static final int MAX_NAME_BYTES = 4096;

    public Export {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(allocation, "allocation");
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("export name is longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (minBlockSize < 1 || minBlockSize > 65536 || Integer.bitCount(minBlockSize) != 1) {
            throw new IllegalArgumentException("minimum block size " + minBlockSize
                    + " is not a power of two in 1..65536");
        }
        if (device.size() % minBlockSize != 0) {
            throw new IllegalArgumentException("export " + name + ": size " + device.size()
                    + " is not a multiple of the minimum block size " + minBlockSize);
        }
    }

    /** A plain export: no allocation map, zeroes written as buffers, byte granularity. */
    public static Export of(String name, BlockDevice device, boolean readOnly) {
        return new Export(name, "", device, readOnly, Optional.empty(), false, 1);
    }

    public Export withAllocation(AllocationMap map) {
        return new Export(name, description, device, readOnly, Optional.of(map), fastZeroes, minBlockSize);
    }

    public Export withFastZeroes(boolean fast) {
        return new Export(name, description, device, readOnly, allocation, fast, minBlockSize);
    }

    public Export withDescription(String text) {
        return new Export(name, text, device, readOnly, allocation, fastZeroes, minBlockSize);
    }

    public Export withMinBlockSize(int size) {
        return new Export(name, description, device, readOnly, allocation, fastZeroes, size);
    }
}
