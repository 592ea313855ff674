/**
 * The thin pool engine (the kernel's dm-thin target in userspace): {@link org.jlvm.thin.pool.ThinPool} owns a
 * metadata device ({@link org.jlvm.thin.meta.PoolMetadata}) and a data device; each
 * {@link org.jlvm.thin.pool.ThinVolume} is one thin device as a {@link org.jlvm.pool.io.BlockDevice}.
 *
 * <p>Write path: device gate (shared) → block stripe (exclusive) → cached or B-tree lookup → in place, or
 * under the commit lock (shared) allocate, write the new block (zeroing or copying the rest), insert the
 * mapping. Read path: device gate (shared) → block stripe (shared) → cached or B-tree lookup → data device
 * read, or zeroes without touching the data device. Commit: commit lock (exclusive) → flush data → metadata
 * commit (superblock last). See the class comments for the durability and failure contracts.
 */
package org.jlvm.thin.pool;
