package org.jlvm.tools.restore;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.jlvm.tools.ir.MetadataFile;
import org.jlvm.tools.ir.ToolException;
import org.jlvm.tools.xml.FastXmlReader;
import org.jlvm.tools.xml.XmlPoolReader;

/** thin_restore: XML in, a freshly built pool out. */
public final class Restorer {
    private static final String OUTPUT_ADVICE = "\n\nThe output file should either be a block device,\n"
            + "or an existing file.  The file needs to be large\nenough to hold the metadata.";

    private Restorer() {
    }

    /** Checks the output the way 0.9.0 does (it must exist and be large enough), with its messages. */
    public static void checkOutput(Path output) throws ToolException {
        if (!Files.exists(output)) {
            throw new ToolException("Output file does not exist." + OUTPUT_ADVICE);
        }
        try {
            long size = Files.isRegularFile(output) ? Files.size(output) : Long.MAX_VALUE;
            if (size == 0) {
                throw new ToolException("Zero size output file." + OUTPUT_ADVICE);
            }
            if (size < 16 * MetadataFile.BLOCK_SIZE) {
                throw new ToolException("Output file too small." + OUTPUT_ADVICE);
            }
        } catch (IOException e) {
            throw new ToolException(output + ": " + e.getMessage());
        }
    }

    /** Restores {@code xml} onto {@code output}; {@code progress} gets the input bytes consumed. */
    public static void restore(Path xml, Path output, RestoreOverrides ov, LongConsumer progress)
            throws ToolException {
        checkOutput(output);
        if (!Files.exists(xml)) {
            throw new ToolException("Couldn't stat file");
        }
        try (MetadataFile out = MetadataFile.open(output, true)) {
            if (restoreFast(xml, out, ov, progress)) {
                return;
            }
            // Not the usual shape, or a failure: again with the general reader, whose errors name the line.
            try (InputStream in = new Counting(new BufferedInputStream(Files.newInputStream(xml), 1 << 16),
                    progress)) {
                PoolWriter w = new PoolWriter(out, ov);
                XmlPoolReader.read(in, w);
                if (!w.finished()) {
                    throw new ToolException("the input ended before the pool was complete");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ToolException("I/O error: " + e.getMessage());
        }
    }

    /**
     * The fast path: {@link FastXmlReader} on this thread, the pool built on another. False when the input
     * is not in the usual shape or anything failed (the output is then rebuilt from scratch).
     */
    static boolean restoreFast(Path xml, MetadataFile out, RestoreOverrides ov, LongConsumer progress) {
        try {
            PoolWriter w = new PoolWriter(out, ov);
            try (PipelinedEmitter pipe = new PipelinedEmitter(w)) {
                FastXmlReader.read(xml, pipe, progress);
                pipe.finish();
            }
            return w.finished();
        } catch (FastXmlReader.Unsupported | ToolException | IOException | RuntimeException e) {
            return false;
        }
    }

    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;
        private long n;
        private long reported;

        Counting(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int k = super.read(b, off, len);
            if (k > 0) {
                count(k);
            }
            return k;
        }

        private void count(int k) {
            n += k;
            if (progress != null && n - reported >= (1 << 22)) {
                reported = n;
                progress.accept(n);
            }
        }
    }
}
