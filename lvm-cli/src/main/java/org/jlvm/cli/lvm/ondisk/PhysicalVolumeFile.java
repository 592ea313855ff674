package org.jlvm.cli.lvm.ondisk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jlvm.cli.lvm.model.LvmUuid;
import org.jlvm.cli.lvm.text.TextLayout;
import org.jlvm.cli.lvm.text.VgText;
import org.jlvm.cli.lvm.text.VgTextPrinter;
import org.jlvm.cli.lvm.text.VgTextReader;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.FileBlockDevice;

/**
 * An LVM2 physical volume on a file or device: label, metadata areas and the VG text they hold.
 * Reading goes label → PV header → mda headers → the committed text with the highest seqno among the mdas
 * that are not ignored. Writing a VG follows the precommit/commit protocol of {@link MetadataArea} on every mda.
 */
public final class PhysicalVolumeFile implements AutoCloseable {
    private final BlockDevice device;
    private final boolean ownsDevice;
    private final String where;
    private PvLabel label;
    private final List<MetadataArea> mdas;
    private final List<String> warnings = new ArrayList<>();

    private PhysicalVolumeFile(BlockDevice device, boolean ownsDevice, String where, PvLabel label,
            List<MetadataArea> mdas) {
        this.device = device;
        this.ownsDevice = ownsDevice;
        this.where = where;
        this.label = label;
        this.mdas = mdas;
    }

    /** Opens a PV on {@code device} (not closed by {@link #close}); {@code where} names it in errors. */
    public static PhysicalVolumeFile of(BlockDevice device, String where) throws IOException {
        return load(device, false, where);
    }

    /** Opens the PV in a file; {@link #close} closes the file. */
    public static PhysicalVolumeFile open(Path path, boolean readOnly) throws IOException {
        FileBlockDevice dev = FileBlockDevice.open(path, readOnly);
        try {
            return load(dev, true, path.toString());
        } catch (IOException | RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private static PhysicalVolumeFile load(BlockDevice device, boolean owns, String where) throws IOException {
        PvLabel label = PvLabelCodec.read(device, where);
        List<MetadataArea> mdas = new ArrayList<>();
        for (DiskLocn loc : label.metadataAreas()) {
            mdas.add(MetadataArea.open(device, loc, where));
        }
        return new PhysicalVolumeFile(device, owns, where, label, mdas);
    }

    /**
     * Writes a fresh orphan PV (pvcreate): zeroes the label sectors 1..7 and writes the label and empty mda
     * headers. Sector 0 is left alone.
     */
    public static PhysicalVolumeFile create(BlockDevice device, LvmUuid uuid, PvGeometry geometry, String where)
            throws IOException {
        if (device.size() != geometry.deviceSize()) {
            throw new IllegalArgumentException("geometry for " + geometry.deviceSize() + " bytes, device has "
                    + device.size());
        }
        device.writeZeroes(PvLabelCodec.SECTOR_SIZE, PvGeometry.MDA1_START - PvLabelCodec.SECTOR_SIZE);
        List<MetadataArea> mdas = new ArrayList<>();
        for (DiskLocn loc : geometry.metadataAreas()) {
            device.writeZeroes(loc.offset(), Math.min(loc.size(), 2 * MdaHeaderCodec.SIZE));
            mdas.add(MetadataArea.format(device, loc, where));
        }
        PvLabel label = PvLabelCodec.newLabel(uuid, geometry.deviceSize(),
                List.of(new DiskLocn(geometry.peStart(), 0)), geometry.metadataAreas(), false,
                geometry.bootloaderAreas());
        device.write(label.sector() * PvLabelCodec.SECTOR_SIZE, PvLabelCodec.encode(label));
        device.flush();
        return new PhysicalVolumeFile(device, false, where, label, mdas);
    }

    public PvLabel label() {
        return label;
    }

    public List<MetadataArea> metadataAreas() {
        return Collections.unmodifiableList(mdas);
    }

    /** Damaged mdas skipped by the last {@link #readVg} because another mda had good text. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * The committed VG with the highest seqno among the mdas not marked ignored; empty for an orphan PV (or one
     * whose mdas are all ignored). A damaged mda is an error unless another mda holds good text.
     */
    public Optional<VgText> readVg() throws IOException {
        return readVg(new java.util.HashMap<>());
    }

    /**
     * As {@link #readVg()}, parsing each distinct text once across the calls that share {@code parsed}: the PVs of
     * a VG hold the same text, and parsing it is most of what a scan costs.
     */
    public Optional<VgText> readVg(java.util.Map<String, VgText> parsed) throws IOException {
        warnings.clear();
        VgText best = null;
        IOException firstError = null;
        for (MetadataArea mda : mdas) {
            if (mda.isIgnored()) {
                continue;
            }
            try {
                Optional<byte[]> text = mda.readCommitted();
                if (text.isEmpty()) {
                    continue;
                }
                String body = new String(text.get(), StandardCharsets.UTF_8);
                VgText vg = parsed.get(body);
                if (vg == null) {
                    vg = VgTextReader.read(body);
                    parsed.put(body, vg);
                }
                if (best == null || vg.vg().seqno() > best.vg().seqno()) {
                    best = vg;
                }
            } catch (IOException e) {
                IOException located = e instanceof LvmFormatException ? e
                        : new LvmFormatException(where + ": invalid metadata text in the metadata area at "
                                + mda.start() + ": " + e.getMessage(), e);
                if (firstError == null) {
                    firstError = located;
                }
                warnings.add(located.getMessage());
            }
        }
        if (best == null && firstError != null) {
            throw firstError;
        }
        return Optional.ofNullable(best);
    }

    /** Writes {@code text} as the new committed VG metadata of this PV alone. */
    public void writeVg(VgText text) throws IOException {
        commitVg(List.of(this), text);
    }

    /**
     * Commits {@code text} to every mda of every PV of the VG: all texts first, then all precommits, then all
     * commits (each commit flushes). Sets {@code PV_EXT_USED} in labels that lack it.
     */
    public static void commitVg(List<PhysicalVolumeFile> pvs, VgText text) throws IOException {
        byte[] bytes = encodeText(text);
        List<List<RawLocn>> written = new ArrayList<>();
        for (PhysicalVolumeFile pv : pvs) {
            List<RawLocn> locs = new ArrayList<>();
            for (MetadataArea mda : pv.mdas) {
                locs.add(mda.write(bytes));
            }
            written.add(locs);
        }
        for (int i = 0; i < pvs.size(); i++) {
            for (int m = 0; m < pvs.get(i).mdas.size(); m++) {
                pvs.get(i).mdas.get(m).precommit(written.get(i).get(m));
            }
        }
        for (int i = 0; i < pvs.size(); i++) {
            for (int m = 0; m < pvs.get(i).mdas.size(); m++) {
                pvs.get(i).mdas.get(m).commit(written.get(i).get(m));
            }
        }
        for (PhysicalVolumeFile pv : pvs) {
            if (!pv.label.isUsed()) {
                pv.writeLabel(pv.label.withUsed(true));
            }
        }
    }

    /** The metadata-area form of {@code text} with its NUL, as written into an mda. */
    public static byte[] encodeText(VgText text) {
        String s = new VgTextPrinter(TextLayout.METADATA_AREA, ZoneOffset.UTC).print(text);
        byte[] body = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 1];
        System.arraycopy(body, 0, out, 0, body.length);
        return out;
    }

    /**
     * Makes this PV an orphan, as lvm's pv_write for a PV leaving its VG: every mda header emptied (no text),
     * {@code PV_EXT_USED} cleared. Call after the VG was committed without this PV.
     */
    public void makeOrphan() throws IOException {
        for (int i = 0; i < mdas.size(); i++) {
            MetadataArea m = mdas.get(i);
            mdas.set(i, MetadataArea.format(device, new DiskLocn(m.start(), m.size()), where));
        }
        writeLabel(label.withUsed(false));
    }

    /** Rewrites the label with another device size (pvresize of an orphan PV). */
    public void writeDeviceSize(long deviceSizeBytes) throws IOException {
        writeLabel(new PvLabel(label.sector(), label.pvUuid(), deviceSizeBytes, label.dataAreas(),
                label.metadataAreas(), label.extVersion(), label.extFlags(), label.bootloaderAreas()));
    }

    private void writeLabel(PvLabel newLabel) throws IOException {
        device.write(newLabel.sector() * PvLabelCodec.SECTOR_SIZE, PvLabelCodec.encode(newLabel));
        device.flush();
        label = newLabel;
    }

    @Override
    public void close() throws IOException {
        if (ownsDevice) {
            device.close();
        }
    }
}
