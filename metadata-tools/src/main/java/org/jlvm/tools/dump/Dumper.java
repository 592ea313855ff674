package org.jlvm.tools.dump;

import java.util.List;
import java.util.Map;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;

/** Walks a pool's metadata and feeds it to an {@link Emitter}, merging mappings into runs like 0.9.0. */
public final class Dumper {
    private Dumper() {
    }

    public static void dump(MetadataFile file, DumpOptions o, Emitter e) throws ToolException {
        ThinPool pool = ThinPool.open(file, o.metadataSnap());
        Map<Long, DeviceInfo> details = pool.details();
        e.beginSuperblock(pool.info());
        List<long[]> roots = pool.deviceRoots();
        for (long[] dr : roots) {
            long dev = dr[0];
            if (!o.devIds().isEmpty() && !o.devIds().contains(dev)) {
                continue;
            }
            DeviceInfo d = details.get(dev);
            if (d == null) {
                throw new ToolException("missing device details for device " + Long.toUnsignedString(dev));
            }
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

    /** Merges consecutive mappings (virtual +1, data +1, same time) into runs. */
    public static final class RunMerger {
        private final Emitter e;
        private long o;
        private long d;
        private long t;
        private long len;

        public RunMerger(Emitter e) {
            this.e = e;
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
                e.rangeMapping(o, d, len, t);
                len = 0;
            }
        }
    }
}
