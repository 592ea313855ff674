package org.jlvm.tools.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jlvm.tools.ir.Cancellation;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;

/** Walks a pool's metadata and feeds it to an {@link Emitter}, merging mappings into runs like 0.9.0. */
public final class Dumper {
    private Dumper() {
    }

    /** Threads rendering devices in parallel (with the caller's thread writing the text out). */
    static final int THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    public static void dump(MetadataFile file, DumpOptions o, Emitter e) throws ToolException {
        dump(file, o, e, THREADS);
    }

    /**
     * As {@link #dump(MetadataFile, DumpOptions, Emitter)}, rendering devices on {@code threads} worker
     * threads when the emitter allows it ({@link Emitter#runFormat()}); 0: on this thread, one at a time.
     * The output is the same either way.
     */
    public static void dump(MetadataFile file, DumpOptions o, Emitter e, int threads) throws ToolException {
        ThinPool pool = ThinPool.open(file, o.metadataSnap());
        Map<Long, DeviceInfo> details = pool.details();
        e.beginSuperblock(pool.info());
        List<long[]> roots = new ArrayList<>();
        for (long[] dr : pool.deviceRoots()) {
            if (o.devIds().isEmpty() || o.devIds().contains(dr[0])) {
                roots.add(dr);
            }
        }
        Emitter.RunFormat format = e.runFormat();
        // the walks check it too (the workers inherit it); ParallelDevices' close stops and joins the workers
        Cancellation cancellation = Cancellation.current();
        if (threads > 0 && format != null && !o.skipMappings() && roots.size() > 1) {
            try (ParallelDevices par = new ParallelDevices(pool, format, threads)) {
                int started = 0;
                for (long[] dr : roots) {
                    while (started < roots.size() && par.wantsMore()) {
                        par.start(roots.get(started++)[1]);
                    }
                    DeviceInfo d = details(details, dr[0]);
                    e.beginDevice(d);
                    ParallelDevices.Device dev = par.next();
                    while (true) {
                        cancellation.check();
                        ParallelDevices.Piece p = take(dev);
                        e.renderedRuns(p.text(), p.mappings());
                        if (p.last()) {
                            if (p.failure() != null) {
                                e.endDevice();
                                throw failure(p.failure());
                            }
                            break;
                        }
                    }
                    e.endDevice();
                }
            }
            e.endSuperblock();
            return;
        }
        for (long[] dr : roots) {
            DeviceInfo d = details(details, dr[0]);
            e.beginDevice(d);
            if (!o.skipMappings()) {
                RunMerger m = new RunMerger(e);
                try {
                    pool.mappings(dr[1], m::add);
                } catch (ToolException damaged) {
                    // 0.9.0 closes the device (and prints what it had) before failing
                    m.flush();
                    e.endDevice();
                    // 0.9.0 then prints the message twice, the first time without a line end; once, like 1.x
                    throw damaged;
                }
                m.flush();
            }
            e.endDevice();
        }
        e.endSuperblock();
    }

    private static DeviceInfo details(Map<Long, DeviceInfo> details, long dev) throws ToolException {
        DeviceInfo d = details.get(dev);
        if (d == null) {
            throw new ToolException("missing device details for device " + Long.toUnsignedString(dev));
        }
        return d;
    }


    private static ToolException failure(Exception f) {
        if (f instanceof ToolException t) {
            return t; // printed once (0.9.0 prints it twice, 1.x once)
        }
        throw (RuntimeException) f;
    }

    private static ParallelDevices.Piece take(ParallelDevices.Device dev) throws ToolException {
        try {
            return dev.pieces.take();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    /** Receives merged runs. */
    public interface RunSink {
        void run(long originBegin, long dataBegin, long length, long time) throws ToolException;
    }

    /** Merges consecutive mappings (virtual +1, data +1, same time) into runs. */
    public static final class RunMerger {
        private final RunSink e;
        private long o;
        private long d;
        private long t;
        private long len;

        public RunMerger(Emitter e) {
            this.e = e::rangeMapping;
        }

        public RunMerger(RunSink sink) {
            this.e = sink;
        }

        public void add(long virt, long data, long time) throws ToolException {
            if (len > 0 && virt == o + len && data == d + len && time == t) {
                len++;
                return;
            }
            flush();
            o = virt;
            d = data;
            t = time;
            len = 1;
        }

        public void flush() throws ToolException {
            if (len > 0) {
                e.run(o, d, len, t);
                len = 0;
            }
        }
    }
}
