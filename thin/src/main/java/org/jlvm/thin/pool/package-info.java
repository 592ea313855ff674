/**
 * The thin pool engine (the kernel's dm-thin target in userspace): {@link org.jlvm.thin.pool.ThinPool} owns a
 * metadata device ({@link org.jlvm.thin.meta.PoolMetadata}) and a data device; each
 * {@link org.jlvm.thin.pool.ThinVolume} is one thin device as a {@link org.jlvm.pool.io.BlockDevice}.
 *
 * <p>Write path: device gate (shared) → block stripe (exclusive) → cached or B-tree lookup → in place, or
 * under the commit lock (shared) take a block from the allocation reserve (refilled 32 at a time), write the new
 * block (copying the rest, or zeroing it unless it is known or seen to read as zeroes), insert the mapping.
 * Read path: device gate (shared) → block stripe (shared) → cached or B-tree lookup → data device read, or
 * zeroes without touching the data device. Commit: flush data (no lock) → commit lock (exclusive) → give the
 * reserve back → flush data → metadata commit (superblock last) → pass freed blocks' discards down. See the
 * class comments for the durability and failure contracts.
 */
package org.jlvm.thin.pool;
