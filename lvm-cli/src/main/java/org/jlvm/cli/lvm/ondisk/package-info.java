/**
 * The LVM2 physical-volume format on a {@link org.jlvm.pool.io.BlockDevice}: the label sector
 * ({@link org.jlvm.cli.lvm.ondisk.PvLabelCodec}), mda headers ({@link org.jlvm.cli.lvm.ondisk.MdaHeaderCodec}), the
 * circular metadata buffer with lvm2's write/precommit/commit protocol
 * ({@link org.jlvm.cli.lvm.ondisk.MetadataArea}), pvcreate's layout ({@link org.jlvm.cli.lvm.ondisk.PvGeometry}) and
 * whole PVs ({@link org.jlvm.cli.lvm.ondisk.PhysicalVolumeFile}). All integers little-endian; every checksum is
 * {@link org.jlvm.cli.lvm.ondisk.LvmCrc}. Damage is an {@link org.jlvm.cli.lvm.ondisk.LvmFormatException} naming
 * the device, the structure, the offset, and expected versus found. Depends on {@code lvm.text} and
 * {@code lvm.model}.
 */
package org.jlvm.cli.lvm.ondisk;
