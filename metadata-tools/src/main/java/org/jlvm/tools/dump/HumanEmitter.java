package org.jlvm.tools.dump;

import static org.jlvm.tools.dump.XmlEmitter.u;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;

/** The 0.9.0 {@code -f human_readable} format. */
public final class HumanEmitter implements Emitter {
    private final Appendable out;

    public HumanEmitter(Appendable out) {
        this.out = out;
    }

    private final StringBuilder buf = new StringBuilder(1 << 16);

    private void w(String s) {
        buf.append(s);
        spill();
    }

    private void spill() {
        if (buf.length() >= 60_000) {
            flush();
        }
    }

    @Override
    public void flush() {
        try {
            out.append(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.setLength(0);
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) {
        w("begin superblock: \"" + sb.uuid() + "\", " + u(sb.time()) + ", " + u(sb.transaction()) + ", "
                + u(sb.flags()) + ", " + u(sb.version()) + ", " + u(sb.dataBlockSize()) + ", "
                + u(sb.nrDataBlocks()) + "\n");
    }

    @Override
    public void beginDevice(DeviceInfo d) {
        w("device: " + u(d.devId()) + "\nmapped_blocks: " + u(d.mappedBlocks()) + "\ntransaction: "
                + u(d.transaction()) + "\ncreation time: " + u(d.creationTime()) + "\nsnap time: "
                + u(d.snapTime()) + "\n");
    }

    @Override
    public void rangeMapping(long o, long d, long len, long time) {
        StringBuilder b = buf;
        if (len == 1) {
            b.append("    ").append(u(o)).append(" -> ").append(u(d)).append(", ").append(u(time)).append('\n');
        } else {
            b.append("    (").append(u(o)).append("..").append(u(o + len - 1)).append(") -> (").append(u(d))
                    .append("..").append(u(d + len - 1)).append("), ").append(u(time)).append('\n');
        }
        spill();
    }

    @Override
    public void endDevice() {
        w("\n");
    }

    @Override
    public void endSuperblock() {
        w("end superblock\n");
        flush();
    }
}
