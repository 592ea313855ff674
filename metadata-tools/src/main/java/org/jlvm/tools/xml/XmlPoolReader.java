package org.jlvm.tools.xml;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/**
 * Streams thin_dump XML (0.9.0 elements, plus the 1.x {@code <def name>}/{@code <ref name>} shared runs, which
 * are expanded per device) into an {@link Emitter}. Errors name the line and what was wrong.
 */
public final class XmlPoolReader {
    private final XMLStreamReader r;
    private final Emitter e;
    private final Map<String, List<long[]>> defs = new HashMap<>();
    private List<long[]> currentDef;
    private boolean inDevice;
    private boolean sawSuperblock;
    private boolean endedSuperblock;

    private XmlPoolReader(XMLStreamReader r, Emitter e) {
        this.r = r;
        this.e = e;
    }

    /** Reads the whole document; {@code progress} (may be null) gets the line number now and then. */
    public static void read(InputStream in, Emitter e) throws ToolException {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r;
        try {
            r = f.createXMLStreamReader(in);
        } catch (XMLStreamException ex) {
            throw new ToolException("bad XML: " + clean(ex));
        }
        new XmlPoolReader(r, e).run();
    }

    private static String clean(XMLStreamException ex) {
        String m = ex.getMessage();
        int i = m == null ? -1 : m.indexOf("Message: ");
        return i >= 0 ? m.substring(i + 9) : String.valueOf(m);
    }

    private int line() {
        return r.getLocation() == null ? -1 : r.getLocation().getLineNumber();
    }

    private ToolException err(String what) {
        return new ToolException("line " + line() + ": " + what);
    }

    private void run() throws ToolException {
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    start(r.getLocalName());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    end(r.getLocalName());
                } else if (ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
                    throw err("unexpected text '" + r.getText().trim() + "'");
                }
            }
        } catch (XMLStreamException ex) {
            int l = ex.getLocation() == null ? line() : ex.getLocation().getLineNumber();
            throw new ToolException("line " + l + ": bad XML: " + clean(ex));
        }
        if (!sawSuperblock) {
            throw new ToolException("no <superblock> element in the input");
        }
        if (!endedSuperblock) {
            throw err("the input ends before </superblock>");
        }
    }

    private void start(String tag) throws ToolException {
        switch (tag) {
            case "superblock" -> {
                if (sawSuperblock) {
                    throw err("a second <superblock>");
                }
                sawSuperblock = true;
                String ms = opt("metadata_snap");
                e.beginSuperblock(new SuperblockInfo(req("uuid"), num("time"), num("transaction"),
                        optNum("flags", 0), optNum("version", 2), num("data_block_size"), num("nr_data_blocks"),
                        ms == null ? null : parse("metadata_snap", ms)));
            }
            case "device" -> {
                need(!inDevice && currentDef == null && sawSuperblock, "<device> must be inside <superblock>");
                inDevice = true;
                e.beginDevice(new DeviceInfo(num("dev_id"), num("mapped_blocks"), num("transaction"),
                        num("creation_time"), num("snap_time")));
            }
            case "single_mapping" -> mapping(num("origin_block"), num("data_block"), 1, num("time"));
            case "range_mapping" -> {
                long len = num("length");
                need(len > 0, "range_mapping length must be at least 1");
                mapping(num("origin_begin"), num("data_begin"), len, num("time"));
            }
            case "def" -> {
                need(!inDevice && currentDef == null && sawSuperblock, "<def> must be inside <superblock>, "
                        + "outside devices");
                String name = req("name");
                need(!defs.containsKey(name), "<def name=\"" + name + "\"> defined twice");
                currentDef = new ArrayList<>();
                defs.put(name, currentDef);
            }
            case "ref" -> {
                need(inDevice || currentDef != null, "<ref> outside a device");
                String name = req("name");
                List<long[]> runs = defs.get(name);
                need(runs != null, "<ref name=\"" + name + "\"> refers to an unknown <def>");
                for (long[] run : runs) {
                    mapping(run[0], run[1], run[2], run[3]);
                }
            }
            default -> throw err("unknown tag type <" + tag + ">");
        }
    }

    private void mapping(long o, long d, long len, long t) throws ToolException {
        if (currentDef != null) {
            currentDef.add(new long[] {o, d, len, t});
            return;
        }
        need(inDevice, "mapping outside a device");
        try {
            e.rangeMapping(o, d, len, t);
        } catch (ToolException ex) {
            throw err(ex.getMessage());
        }
    }

    private void end(String tag) throws ToolException {
        switch (tag) {
            case "device" -> {
                inDevice = false;
                e.endDevice();
            }
            case "def" -> currentDef = null;
            case "superblock" -> {
                endedSuperblock = true;
                e.endSuperblock();
            }
            default -> {
                // mapping and ref elements have nothing to close
            }
        }
    }

    private void need(boolean ok, String what) throws ToolException {
        if (!ok) {
            throw err(what);
        }
    }

    private String opt(String name) {
        return r.getAttributeValue(null, name);
    }

    private String req(String name) throws ToolException {
        String v = opt(name);
        if (v == null) {
            throw err("<" + r.getLocalName() + "> lacks the attribute " + name);
        }
        return v;
    }

    private long num(String name) throws ToolException {
        return parse(name, req(name));
    }

    private long optNum(String name, long dflt) throws ToolException {
        String v = opt(name);
        return v == null ? dflt : parse(name, v);
    }

    private long parse(String name, String v) throws ToolException {
        try {
            return Long.parseUnsignedLong(v.trim());
        } catch (NumberFormatException ex) {
            throw err("attribute " + name + "=\"" + v + "\" is not a non-negative integer");
        }
    }
}
