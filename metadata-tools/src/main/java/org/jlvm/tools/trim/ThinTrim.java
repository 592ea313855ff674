package org.jlvm.tools.trim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jlvm.pool.io.HolePunching;
import org.jlvm.thin.format.ThinSuperblock;
import org.jlvm.tools.ir.Blocks;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ThinPool;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.ir.TreeWalker;

/**
 * thin_trim: discards every data block whose count in the data space map is 0. Java has no discard or
 * hole-punching call, so each free run is handed to {@code fallocate --punch-hole} (files) or
 * {@code blkdiscard} (block devices), both from util-linux.
 */
public final class ThinTrim {
    private ThinTrim() {
    }

    /** A free run of data blocks [begin, begin + length). */
    public record Run(long begin, long length) {
    }

    /** The runs of free data blocks, from the data space map (bitmaps listed by its index tree). */
    public static List<Run> freeRuns(MetadataFile f) throws ToolException {
        ThinPool pool = ThinPool.open(f, null);
        ThinSuperblock sb = pool.superblock();
        long nr = sb.dataSpaceMapRoot().nrBlocks();
        List<long[]> bitmaps = new ArrayList<>();
        String[] damage = new String[1];
        new TreeWalker(f, 1, 16, null, (p, n) -> {
            for (int i = 0; i < n.nr(); i++) {
                bitmaps.add(new long[] {n.key(i), n.value64(i)});
            }
        }, (p, b, e, d) -> damage[0] = d).walk(sb.dataSpaceMapRoot().bitmapRoot());
        if (damage[0] != null) {
            throw new ToolException("data space map index damaged: " + damage[0]);
        }
        List<Run> runs = new ArrayList<>();
        long start = -1;
        long expect = 0;
        for (long[] bm : bitmaps) {
            byte[] d;
            try {
                d = Blocks.bitmap(f, bm[1]);
            } catch (Blocks.BadBlock e) {
                throw new ToolException(e.getMessage());
            }
            long base = bm[0] * 16320;
            if (base != expect) {
                throw new ToolException("data space map index has a gap at bitmap " + bm[0]);
            }
            for (int j = 0; j < 16320 && base + j < nr; j++) {
                boolean free = ((d[16 + j / 4] >> (2 * (j % 4))) & 3) == 0;
                long b = base + j;
                if (free && start < 0) {
                    start = b;
                } else if (!free && start >= 0) {
                    runs.add(new Run(start, b - start));
                    start = -1;
                }
            }
            expect = base + 16320;
        }
        if (start >= 0) {
            runs.add(new Run(start, nr - start));
        }
        return runs;
    }

    /** Discards the free runs on {@code dataDev}; returns the number of data blocks discarded. */
    public static long trim(Path metadataDev, Path dataDev) throws ToolException {
        if (!Files.exists(dataDev)) {
            throw new ToolException("Couldn't stat data device " + dataDev);
        }
        List<Run> runs;
        long blockBytes;
        try (MetadataFile f = MetadataFile.open(metadataDev, false)) {
            runs = freeRuns(f);
            blockBytes = (ThinPool.open(f, null).superblock().dataBlockSize() & 0xFFFFFFFFL) * 512;
        } catch (IOException e) {
            throw new ToolException(e.getMessage());
        }
        boolean file = Files.isRegularFile(dataDev);
        long total = 0;
        for (Run r : runs) {
            long off = r.begin() * blockBytes;
            long len = r.length() * blockBytes;
            if (file) {
                try {
                    HolePunching.punch(dataDev, off, len);
                } catch (IOException e) {
                    throw new ToolException(e.getMessage());
                }
            } else {
                run(List.of("blkdiscard", "--offset", Long.toString(off), "--length", Long.toString(len),
                        dataDev.toString()));
            }
            total += r.length();
        }
        return total;
    }

    private static void run(List<String> cmd) throws ToolException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new ToolException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (IOException e) {
            throw new ToolException("couldn't run " + cmd.get(0) + " (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }
}
