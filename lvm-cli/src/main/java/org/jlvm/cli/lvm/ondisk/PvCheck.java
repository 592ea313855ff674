package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.pool.io.BlockDevice;

/**
 * lvm2's pvck (the default check, {@code _dump_found}): the label, each mda header (checksum, magic, version,
 * start and size against the PV header), the raw locations, and the committed text (checksum, parse), each
 * problem as one of lvm's {@code CHECK:} lines. Reads only.
 */
public final class PvCheck {
    /**
     * What pvck found: the label sector ({@code -1}: no label), the {@code CHECK:} lines, the metadata areas whose
     * header has the right magic (offset, size), and the committed texts that read and parse.
     */
    public record Report(long labelSector, List<String> checks, List<DiskLocn> foundAreas, List<VgText> texts,
            List<BadText> badTexts) {
        public boolean bad() {
            return labelSector < 0 || !checks.isEmpty();
        }
    }

    /** Committed text whose checksum does not match: mda number (1, 2), absolute offset, its raw location. */
    public record BadText(int mda, long at, RawLocn location) {
    }

    private PvCheck() {
    }

    public static Report check(BlockDevice device, String where) throws IOException {
        PvLabel label;
        try {
            label = PvLabelCodec.read(device, where);
        } catch (LvmFormatException e) {
            return new Report(-1, List.of(), List.of(), List.of(), List.of());
        }
        List<String> checks = new ArrayList<>();
        List<DiskLocn> found = new ArrayList<>();
        List<VgText> texts = new ArrayList<>();
        List<BadText> bad = new ArrayList<>();
        for (DiskLocn loc : label.metadataAreas()) {
            int num = loc.offset() == 4096 ? 1 : 2;
            if (loc.offset() + MdaHeaderCodec.SIZE > device.size()) {
                checks.add("CHECK: failed to read mda_header at " + loc.offset());
                continue;
            }
            byte[] h = device.read(loc.offset(), MdaHeaderCodec.SIZE);
            if (header(h, num, loc, checks)) {
                found.add(loc);
            }
            ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            RawLocn committed = MdaHeaderCodec.slot(b, 40);
            RawLocn precommit = MdaHeaderCodec.slot(b, 64);
            if (!precommit.isEmpty()) {
                checks.add("CHECK: mda_header_" + num + ".raw_locn[1] for precommit not empty");
            }
            if (committed.size() > loc.size()) {
                checks.add("CHECK: mda_header_" + num + ".raw_locn[0].size larger than metadata area size");
                continue;
            }
            if (!committed.isEmpty()) {
                text(device, loc, num, committed, checks, bad).ifPresent(texts::add);
            }
        }
        return new Report(label.sector(), checks, found, texts, bad);
    }

    /** The header checks of lvm's _check_mda_header; true when the magic is right (a header was found). */
    private static boolean header(byte[] h, int num, DiskLocn loc, List<String> checks) {
        ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
        String prefix = "CHECK: mda_header_" + num;
        int crc = LvmCrc.of(h, 4, MdaHeaderCodec.SIZE - 4);
        if (crc != b.getInt(0)) {
            checks.add(prefix + ".checksum expected 0x" + Integer.toHexString(crc));
        }
        boolean magic = Arrays.equals(h, 4, 20, MdaHeaderCodec.MAGIC, 0, 16);
        if (!magic) {
            checks.add(prefix + ".magic expected 0x" + HexFormat.of().formatHex(MdaHeaderCodec.MAGIC));
        }
        if (b.getInt(20) != 1) {
            checks.add(prefix + ".version expected 1");
        }
        if (b.getLong(24) != loc.offset()) {
            checks.add(prefix + ".start does not match pv_header.disk_locn.offset " + loc.offset());
        }
        if (b.getLong(32) != loc.size()) {
            checks.add(prefix + ".size does not match pv_header.disk_locn.size " + loc.size());
        }
        return magic;
    }

    private static Optional<VgText> text(BlockDevice device, DiskLocn loc, int num, RawLocn r, List<String> checks,
            List<BadText> bad) throws IOException {
        long at = loc.offset() + r.offset();
        if (r.offset() < MdaHeaderCodec.SIZE || r.offset() >= loc.size()) {
            checks.add("CHECK: failed to read metadata text at mda_header_" + num + ".raw_locn[0].offset "
                    + r.offset() + " size " + r.size());
            return Optional.empty();
        }
        byte[] text = new byte[(int) r.size()];
        int pos = 0;
        for (long[] p : TextPlacement.pieces(r, loc.size())) {
            int len = (int) (p[1] - p[0]);
            System.arraycopy(device.read(loc.offset() + p[0], len), 0, text, pos, len);
            pos += len;
        }
        if (LvmCrc.of(text) != r.checksum()) {
            checks.add("CHECK: metadata text at " + at + " crc does not match mda_header_" + num
                    + ".raw_locn[0].checksum");
            bad.add(new BadText(num, at, r));
            return Optional.empty();
        }
        try {
            int end = text.length > 0 && text[text.length - 1] == 0 ? text.length - 1 : text.length;
            return Optional.of(VgTextReader.read(new String(text, 0, end, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            checks.add("CHECK: failed to parse metadata text at " + at + " size " + r.size());
            return Optional.empty();
        }
    }
}
