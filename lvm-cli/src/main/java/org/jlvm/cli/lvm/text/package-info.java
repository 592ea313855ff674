/**
 * LVM2 text metadata: {@link org.jlvm.cli.lvm.text.ConfigParser} reads lvm's config syntax into a tree,
 * {@link org.jlvm.cli.lvm.text.VgTextReader} turns the tree into the model, and
 * {@link org.jlvm.cli.lvm.text.VgTextPrinter} writes the model back the way lvm2 2.03.16 does, in the
 * metadata-area or the vgcfgbackup layout (byte for byte for what lvm2 itself wrote). Keys the model does not
 * know are dropped on read. Depends on {@code lvm.model}.
 */
package org.jlvm.cli.lvm.text;
