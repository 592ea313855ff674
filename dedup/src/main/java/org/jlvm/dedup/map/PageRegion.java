package org.jlvm.dedup.map;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;
import org.jlvm.dedup.format.Geometry;
import org.jlvm.dedup.format.PageCodec;
import org.jlvm.dedup.format.PageCodec.SlotState;
import org.jlvm.pool.io.BlockDevice;

/**
 * Persists a {@link PagedTable} with two slots per page (page p, slot s at block {@code start + 2p + s}).
 *
 * <p>Commit of generation g writes each dirty page into the slot that does <em>not</em> hold its committed
 * version, so the committed state is never overwritten; the superblock naming g is written afterwards. On
 * load with committed generation G, each page takes the valid slot with the highest generation &le; G (an
 * all-zero slot counts as an empty page of generation 0). Slots with a valid generation above G are left
 * over from an interrupted commit; {@link #load} erases them, so that a later commit that reuses that
 * generation number cannot resurrect them. A page with no acceptable slot is reported by {@link #damage()}
 * and filled by {@link PagedTable#damaged}. Callers hold the device's metadata lock.
 */
public final class PageRegion {
    private final BlockDevice device;
    private final long start;
    private final PagedTable table;
    private final BitSet current = new BitSet();
    private final BitSet damaged = new BitSet();

    public PageRegion(BlockDevice device, long start, PagedTable table) {
        this.device = device;
        this.start = start;
        this.table = table;
    }

    private long blockOf(int page, int slot) {
        return start + 2L * page + slot;
    }

    /**
     * Loads every page as of committed generation {@code committed}.
     *
     * @param repair erase slots left by an interrupted commit (false when opened read-only)
     * @return the number of erased stale slots
     */
    public int load(long committed, boolean repair) throws IOException {
        byte[][] slots = {new byte[Geometry.BLOCK], new byte[Geometry.BLOCK]};
        byte[] zero = new byte[Geometry.BLOCK];
        int erased = 0;
        for (int p = 0; p < table.pages(); p++) {
            long bestGen = -1;
            int best = -1;
            boolean bestValid = false;
            for (int s = 0; s < 2; s++) {
                device.read(blockOf(p, s) * Geometry.BLOCK, ByteBuffer.wrap(slots[s]));
                SlotState st = PageCodec.check(slots[s], table.kind(), p);
                long gen;
                if (st == SlotState.VALID) {
                    gen = PageCodec.generation(slots[s]);
                    if (gen > committed) {
                        if (repair) {
                            device.write(blockOf(p, s) * Geometry.BLOCK, ByteBuffer.wrap(zero));
                            erased++;
                        }
                        continue;
                    }
                } else if (st == SlotState.EMPTY) {
                    gen = 0;
                } else {
                    continue;
                }
                boolean valid = st == SlotState.VALID;
                if (gen > bestGen || (gen == bestGen && valid && !bestValid)) {
                    bestGen = gen;
                    best = s;
                    bestValid = valid;
                }
            }
            if (best < 0) {
                table.damaged(p);
                damaged.set(p);
                continue;
            }
            table.decode(p, slots[best]);
            current.set(p, best == 1);
        }
        if (erased > 0) {
            device.flush();
        }
        table.dirty().clear();
        return erased;
    }

    /** Why the load found damage ("map page 3 and 2 more: ..."), or null if every page had a valid copy. */
    public String damage() {
        if (damaged.isEmpty()) {
            return null;
        }
        int first = damaged.nextSetBit(0);
        int more = damaged.cardinality() - 1;
        return kindName() + " " + first + (more > 0 ? " and " + more + " more" : "") + " (block "
                + blockOf(first, 0) + "): neither copy is valid; run an offline rebuild";
    }

    /**
     * The dirty pages encoded as they are now, with the slot each goes to; clears their dirty bits (a change
     * after this marks the page dirty again for the next commit). In memory only.
     */
    public Snapshot snapshot() {
        BitSet dirty = table.dirty();
        int n = dirty.cardinality();
        int[] pages = new int[n];
        byte[][] content = new byte[n][];
        int i = 0;
        for (int p = dirty.nextSetBit(0); p >= 0; p = dirty.nextSetBit(p + 1)) {
            pages[i] = p;
            content[i] = new byte[Geometry.BLOCK];
            table.encode(p, content[i]);
            i++;
        }
        dirty.clear();
        return new Snapshot(pages, content);
    }

    /** Pages taken by {@link #snapshot()}, encoded, not yet sealed. */
    public record Snapshot(int[] pages, byte[][] content) {
    }

    /**
     * Writes a snapshot's pages, stamped with {@code generation}, into the slots that do not hold their
     * committed copies; the caller flushes and writes the superblock.
     */
    public int write(Snapshot s, long generation) throws IOException {
        for (int i = 0; i < s.pages().length; i++) {
            int p = s.pages()[i];
            byte[] page = s.content()[i];
            PageCodec.seal(page, table.kind(), p, generation);
            device.write(blockOf(p, current.get(p) ? 0 : 1) * Geometry.BLOCK, ByteBuffer.wrap(page));
        }
        return s.pages().length;
    }

    /** The superblock naming the snapshot's generation is durable: its slots become the current ones. */
    public void committed(Snapshot s) {
        for (int p : s.pages()) {
            current.flip(p);
        }
    }

    /** The snapshot's commit failed: its pages are dirty again (they differ from what is surely durable). */
    public void failed(Snapshot s) {
        for (int p : s.pages()) {
            table.dirty().set(p);
        }
    }

    private String kindName() {
        return table.kind() == PageCodec.KIND_MAP ? "dedup map page" : "dedup refcount page";
    }
}
