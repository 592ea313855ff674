package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.util.Optional;
import org.jlvm.pool.io.BlockDevice;

/**
 * One metadata area on a device: the mda header and the circular buffer of VG metadata texts behind it.
 *
 * <p>Update protocol (lvm2's vg_write / vg_precommit / vg_commit): {@link #write} puts the new text (ending in
 * NUL) into free space of the buffer without touching the header and returns its location; {@link #precommit}
 * rewrites the header with that location in slot 1; {@link #commit} rewrites the header with it in slot 0 and
 * slot 1 cleared, then flushes. The header write of {@code commit} is the atomic commit point; until then the
 * committed text stays intact. With several PVs, every area gets {@code write}, then every area
 * {@code precommit}, then every area {@code commit}.
 */
public final class MetadataArea {
    private final BlockDevice device;
    private final long start;
    private final String where;
    private MdaHeader header;

    private MetadataArea(BlockDevice device, MdaHeader header, String where) {
        this.device = device;
        this.start = header.start();
        this.header = header;
        this.where = where;
    }

    /** Reads and checks the header of the area described by {@code location}. */
    public static MetadataArea open(BlockDevice device, DiskLocn location, String where) throws IOException {
        if (location.offset() + location.size() > device.size()) {
            throw new LvmFormatException(where + ": metadata area " + location.offset() + "+" + location.size()
                    + " is beyond the device end " + device.size());
        }
        byte[] bytes = device.read(location.offset(), MdaHeaderCodec.SIZE);
        return new MetadataArea(device, MdaHeaderCodec.decode(bytes, location.offset(), location.size(), where),
                where);
    }

    /** Writes an empty header (no text), as pvcreate does. */
    public static MetadataArea format(BlockDevice device, DiskLocn location, String where) throws IOException {
        MdaHeader h = MdaHeader.empty(location.offset(), location.size());
        device.write(location.offset(), MdaHeaderCodec.encode(h));
        return new MetadataArea(device, h, where);
    }

    public MdaHeader header() {
        return header;
    }

    public long start() {
        return start;
    }

    public long size() {
        return header.size();
    }

    /** Slot 0 is marked ignored ({@code pvchange --metadataignore y}). */
    public boolean isIgnored() {
        return header.committed().isIgnored();
    }

    /** The committed text including its NUL, checked; empty when the area holds no VG. */
    public Optional<byte[]> readCommitted() throws IOException {
        RawLocn c = header.committed();
        if (c.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(readText(c));
    }

    /** Reads the text at {@code r} (wrapping at the end of the area), checking size, CRC and the final NUL. */
    public byte[] readText(RawLocn r) throws IOException {
        long mdaSize = header.size();
        if (r.offset() < MdaHeaderCodec.SIZE || r.offset() >= mdaSize || r.size() <= 0
                || r.size() > mdaSize - MdaHeaderCodec.SIZE) {
            throw new LvmFormatException(where + ": metadata location offset " + r.offset() + " size " + r.size()
                    + " does not fit in the metadata area at " + start + " of " + mdaSize + " bytes");
        }
        byte[] text = new byte[(int) r.size()];
        long[][] pieces = TextPlacement.pieces(r, mdaSize);
        int pos = 0;
        for (long[] p : pieces) {
            int len = (int) (p[1] - p[0]);
            byte[] part = device.read(start + p[0], len);
            System.arraycopy(part, 0, text, pos, len);
            pos += len;
        }
        int crc = LvmCrc.of(text);
        if (crc != r.checksum()) {
            throw new LvmFormatException(where + ": checksum error in metadata text at " + (start + r.offset())
                    + ": 0x" + Integer.toHexString(r.checksum()) + " != computed 0x" + Integer.toHexString(crc));
        }
        if (text[text.length - 1] != 0) {
            throw new LvmFormatException(where + ": metadata text at " + (start + r.offset())
                    + " does not end in a NUL byte");
        }
        return text;
    }

    /**
     * Writes {@code text} (which must end in NUL) into the circular buffer where lvm2 would, padded with zeros to
     * the next 512-byte boundary, without changing the header. Returns the location for {@link #precommit} and
     * {@link #commit}.
     */
    public RawLocn write(byte[] text) throws IOException {
        if (text.length == 0 || text[text.length - 1] != 0) {
            throw new IllegalArgumentException("metadata text must end in a NUL byte");
        }
        long mdaSize = header.size();
        long max = TextPlacement.maxTextSize(mdaSize);
        if (text.length > max) {
            throw new MetadataAreaFullException(where + ": metadata (" + text.length
                    + " bytes) exceeds maximum metadata size (" + max + " bytes) of the metadata area at " + start);
        }
        RawLocn old = header.committed();
        RawLocn committed = old.isEmpty() || old.isIgnored() ? null : old;
        long offset = TextPlacement.nextOffset(committed, mdaSize);
        RawLocn fresh = new RawLocn(offset, text.length, LvmCrc.of(text), 0);
        if (committed != null && TextPlacement.overlaps(committed, fresh, mdaSize)) {
            throw new MetadataAreaFullException(where + ": metadata (" + text.length
                    + " bytes) too large for circular buffer (" + (mdaSize - MdaHeaderCodec.SIZE) + " bytes with "
                    + committed.size() + " used)");
        }
        int pos = 0;
        for (long[] p : TextPlacement.pieces(fresh, mdaSize)) {
            int len = (int) (p[1] - p[0]);
            long padded = Math.min(mdaSize, (p[1] + TextPlacement.ALIGN - 1) / TextPlacement.ALIGN * TextPlacement.ALIGN);
            byte[] chunk = new byte[(int) (padded - p[0])];
            System.arraycopy(text, pos, chunk, 0, len);
            device.write(start + p[0], chunk);
            pos += len;
        }
        return fresh;
    }

    /**
     * Header with {@code written} in the precommit slot; the committed slot is unchanged. The text is flushed
     * first, so no header can name text that a power cut lost (lvm gets the same from its synchronous writes).
     */
    public void precommit(RawLocn written) throws IOException {
        device.flush();
        writeHeader(new MdaHeader(start, header.size(), header.committed(), written));
    }

    /** Header with {@code written} in the committed slot (the ignored flag kept), the precommit slot cleared. */
    public void commit(RawLocn written) throws IOException {
        int ignored = header.committed().flags() & RawLocn.IGNORED;
        writeHeader(new MdaHeader(start, header.size(), written.withFlags(written.flags() | ignored),
                RawLocn.EMPTY));
        device.flush();
    }

    /** Sets or clears the ignored flag of the committed slot. */
    public void setIgnored(boolean ignored) throws IOException {
        RawLocn c = header.committed();
        writeHeader(new MdaHeader(start, header.size(),
                c.withFlags(ignored ? c.flags() | RawLocn.IGNORED : c.flags() & ~RawLocn.IGNORED),
                header.precommitted()));
        device.flush();
    }

    private void writeHeader(MdaHeader h) throws IOException {
        device.write(start, MdaHeaderCodec.encode(h));
        header = h;
    }
}
