package org.jlvm.dedup.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packer's bounded wait: an open block older than the limit is written by the next add or by a timer. */
class PackerWaitTest {

    /** Counts references per block and the blocks written; can fail the next write. */
    static final class RecordingSink implements Packer.Sink {
        final Map<Long, Integer> refs = new HashMap<>();
        final Map<Long, Integer> writes = new HashMap<>();
        long next;
        boolean failNextWrite;

        @Override
        public long allocate() {
            refs.put(next, 1);
            return next++;
        }

        @Override
        public boolean reserve(long pbn) {
            if (refs.containsKey(pbn)) {
                return false;
            }
            refs.put(pbn, 0);
            next = Math.max(next, pbn + 1);
            return true;
        }

        @Override
        public void claim(long pbn) {
            refs.put(pbn, 1);
        }

        @Override
        public void unreserve(long pbn) {
            refs.remove(pbn);
        }

        @Override
        public boolean tryAddReference(long pbn) {
            if (refs.getOrDefault(pbn, 0) >= 254) {
                return false;
            }
            refs.merge(pbn, 1, Integer::sum);
            return true;
        }

        @Override
        public void addReference(long pbn) {
            refs.merge(pbn, 1, Integer::sum);
        }

        @Override
        public void write(long firstPbn, byte[] blocks, int count) throws IOException {
            if (failNextWrite) {
                failNextWrite = false;
                throw new IOException("injected");
            }
            for (int i = 0; i < count; i++) {
                writes.merge(firstPbn + i, 1, Integer::sum);
            }
        }

        @Override
        public void release(long pbn) {
            refs.merge(pbn, -1, Integer::sum);
        }
    }

    private static void waitPast(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theNextAddWritesAnExpiredBlockFirst() throws IOException {
        RecordingSink sink = new RecordingSink();
        Packer packer = new Packer(sink, TimeUnit.MILLISECONDS.toNanos(2));
        Packer.Placement a = packer.add(new byte[100], 100);
        waitPast(5);
        Packer.Placement b = packer.add(new byte[100], 100);
        assertEquals(1, sink.writes.get(a.pbn()), "the expired block was written once");
        assertEquals(1, packer.blocksWritten());
        assertEquals(1, packer.timedOutBlocks());
        assertNotEquals(a.pbn(), b.pbn(), "the new fragment starts a new block");
        assertEquals(1, sink.refs.get(a.pbn()), "only the fragment's reference is left on the written block");
        assertEquals(1, packer.fragmentsInPacker());
    }

    @Test
    void aYoungBlockIsNotWrittenAndZeroMeansNoLimit() throws IOException {
        Packer limited = new Packer(new RecordingSink(), TimeUnit.SECONDS.toNanos(60));
        limited.add(new byte[10], 10);
        assertFalse(limited.closeIfExpired());
        assertEquals(1, limited.fragmentsInPacker());

        RecordingSink sink = new RecordingSink();
        Packer unlimited = new Packer(sink);
        unlimited.add(new byte[10], 10);
        waitPast(3);
        assertFalse(unlimited.closeIfExpired());
        unlimited.add(new byte[10], 10);
        assertTrue(sink.writes.isEmpty());
        assertEquals(2, unlimited.fragmentsInPacker());
        assertThrows(IllegalArgumentException.class, () -> new Packer(sink, -1));
    }

    @Test
    void spilledFragmentsHeldBackExpireWithTheOpenBlock() throws IOException {
        RecordingSink sink = new RecordingSink();
        Packer packer = new Packer(sink, TimeUnit.MILLISECONDS.toNanos(2));
        for (int i = 0; i < 3; i++) {
            packer.add(new byte[3000], 3000); // spans: the first block is held back in the batch
        }
        waitPast(5);
        assertTrue(packer.closeIfExpired());
        assertEquals(packer.blocksWritten(), sink.writes.size());
        assertTrue(packer.blocksWritten() >= 3);
        sink.writes.values().forEach(n -> assertEquals(1, n, "each block written once"));
        assertEquals(0, packer.fragmentsInPacker());
    }

    @Test
    void aFailedTimedWriteLeavesTheBlockOpenAndCloseWritesItOnce() throws IOException {
        RecordingSink sink = new RecordingSink();
        Packer packer = new Packer(sink, TimeUnit.MILLISECONDS.toNanos(1));
        Packer.Placement a = packer.add(new byte[500], 500);
        waitPast(3);
        sink.failNextWrite = true;
        assertThrows(IOException.class, packer::closeIfExpired);
        assertEquals(1, packer.fragmentsInPacker(), "still open after the failure");
        packer.close();
        assertEquals(1, sink.writes.get(a.pbn()));
        assertEquals(1, sink.refs.get(a.pbn()), "the packer's reference was dropped exactly once");
        assertEquals(1, packer.blocksWritten());
    }
}
