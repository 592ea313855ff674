package org.jlvm.tools.dump;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;

/** The 0.9.0 thin_dump XML: two-space indentation, uuid always empty, flags and version always printed. */
public final class XmlEmitter implements Emitter {
    private final Appendable out;

    public XmlEmitter(Appendable out) {
        this.out = out;
    }

    private void w(String s) {
        try {
            out.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String u(long v) {
        return Long.toUnsignedString(v);
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) {
        w("<superblock uuid=\"" + sb.uuid() + "\" time=\"" + u(sb.time()) + "\" transaction=\""
                + u(sb.transaction()) + "\" flags=\"" + u(sb.flags()) + "\" version=\"" + u(sb.version())
                + "\" data_block_size=\"" + u(sb.dataBlockSize()) + "\" nr_data_blocks=\"" + u(sb.nrDataBlocks())
                + "\">\n");
    }

    @Override
    public void beginDevice(DeviceInfo d) {
        w("  <device dev_id=\"" + u(d.devId()) + "\" mapped_blocks=\"" + u(d.mappedBlocks()) + "\" transaction=\""
                + u(d.transaction()) + "\" creation_time=\"" + u(d.creationTime()) + "\" snap_time=\""
                + u(d.snapTime()) + "\">\n");
    }

    @Override
    public void rangeMapping(long o, long d, long len, long time) {
        if (len == 1) {
            w("    <single_mapping origin_block=\"" + u(o) + "\" data_block=\"" + u(d) + "\" time=\"" + u(time)
                    + "\"/>\n");
        } else {
            w("    <range_mapping origin_begin=\"" + u(o) + "\" data_begin=\"" + u(d) + "\" length=\"" + u(len)
                    + "\" time=\"" + u(time) + "\"/>\n");
        }
    }

    @Override
    public void endDevice() {
        w("  </device>\n");
    }

    @Override
    public void endSuperblock() {
        w("</superblock>\n");
    }
}
