package org.jlvm.tools.dump;

import static org.jlvm.tools.dump.XmlEmitter.u;

import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.SuperblockInfo;

/** The 0.9.0 {@code -f human_readable} format. */
public final class HumanEmitter extends TextEmitter {
    public HumanEmitter(Appendable out) {
        super(out, HumanEmitter::run);
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) {
        text.write("begin superblock: \"" + sb.uuid() + "\", " + u(sb.time()) + ", " + u(sb.transaction()) + ", "
                + u(sb.flags()) + ", " + u(sb.version()) + ", " + u(sb.dataBlockSize()) + ", "
                + u(sb.nrDataBlocks()) + "\n");
    }

    @Override
    public void beginDevice(DeviceInfo d) {
        text.write("device: " + u(d.devId()) + "\nmapped_blocks: " + u(d.mappedBlocks()) + "\ntransaction: "
                + u(d.transaction()) + "\ncreation time: " + u(d.creationTime()) + "\nsnap time: "
                + u(d.snapTime()) + "\n");
    }

    static void run(StringBuilder b, long o, long d, long len, long time) {
        if (len == 1) {
            b.append("    ").append(u(o)).append(" -> ").append(u(d)).append(", ").append(u(time)).append('\n');
        } else {
            b.append("    (").append(u(o)).append("..").append(u(o + len - 1)).append(") -> (").append(u(d))
                    .append("..").append(u(d + len - 1)).append("), ").append(u(time)).append('\n');
        }
    }

    @Override
    public void endDevice() {
        text.write("\n");
    }

    @Override
    public void endSuperblock() {
        text.write("end superblock\n");
        flush();
    }
}
