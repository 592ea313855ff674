package org.jlvm.tools.dump;

import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.SuperblockInfo;

/** The 0.9.0 thin_dump XML: two-space indentation, uuid always empty, flags and version always printed. */
public final class XmlEmitter extends TextEmitter {
    public XmlEmitter(Appendable out) {
        super(out, XmlEmitter::run);
    }

    static String u(long v) {
        return Long.toUnsignedString(v);
    }

    @Override
    public void beginSuperblock(SuperblockInfo sb) {
        text.write("<superblock uuid=\"" + sb.uuid() + "\" time=\"" + u(sb.time()) + "\" transaction=\""
                + u(sb.transaction()) + "\" flags=\"" + u(sb.flags()) + "\" version=\"" + u(sb.version())
                + "\" data_block_size=\"" + u(sb.dataBlockSize()) + "\" nr_data_blocks=\"" + u(sb.nrDataBlocks())
                + "\">\n");
    }

    @Override
    public void beginDevice(DeviceInfo d) {
        text.write("  <device dev_id=\"" + u(d.devId()) + "\" mapped_blocks=\"" + u(d.mappedBlocks()) + "\" transaction=\""
                + u(d.transaction()) + "\" creation_time=\"" + u(d.creationTime()) + "\" snap_time=\""
                + u(d.snapTime()) + "\">\n");
    }

    private static void num(StringBuilder sb, long v) {
        if (v >= 0) {
            sb.append(v);
        } else {
            sb.append(Long.toUnsignedString(v));
        }
    }

    static void run(StringBuilder sb, long o, long d, long len, long time) {
        if (len == 1) {
            sb.append("    <single_mapping origin_block=\"");
            num(sb, o);
            sb.append("\" data_block=\"");
            num(sb, d);
        } else {
            sb.append("    <range_mapping origin_begin=\"");
            num(sb, o);
            sb.append("\" data_begin=\"");
            num(sb, d);
            sb.append("\" length=\"");
            num(sb, len);
        }
        sb.append("\" time=\"");
        num(sb, time);
        sb.append("\"/>\n");
    }

    @Override
    public void endDevice() {
        text.write("  </device>\n");
    }

    @Override
    public void endSuperblock() {
        text.write("</superblock>\n");
        flush();
    }
}
