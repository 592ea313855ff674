/**
 * The immutable VG model that LVM2 text metadata describes: {@link org.jlvm.cli.lvm.model.VolumeGroup} with its
 * {@link org.jlvm.cli.lvm.model.PhysicalVolume}s and {@link org.jlvm.cli.lvm.model.LogicalVolume}s, whose
 * segments are striped/linear, thin-pool or thin. Sizes are in 512-byte sectors, counts in extents, as in the
 * metadata. Depends on nothing else in the LVM layer.
 */
package org.jlvm.cli.lvm.model;
