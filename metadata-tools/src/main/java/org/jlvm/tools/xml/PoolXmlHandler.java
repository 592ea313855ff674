package org.jlvm.tools.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;

/**
 * What the elements of thin_dump XML mean (0.9.0 elements, plus the 1.x {@code <def name>}/{@code <ref name>}
 * shared runs, expanded per device), independent of how the document is scanned. Errors name the line.
 */
final class PoolXmlHandler {
    /** The element being handled: its attributes and where it is. */
    interface Element {
        /** The attribute's value, or null if it is absent. */
        String attr(String name);

        /** The line of the element, or -1 if unknown. */
        int line();
    }

    private final Emitter e;
    private final Map<String, List<long[]>> defs = new HashMap<>();
    private List<long[]> currentDef;
    private boolean inDevice;
    private boolean sawSuperblock;
    private boolean endedSuperblock;
    private Element el;
    private String tag;

    PoolXmlHandler(Emitter e) {
        this.e = e;
    }

    ToolException err(int line, String what) {
        return new ToolException("line " + line + ": " + what);
    }

    private ToolException err(String what) {
        return err(el == null ? -1 : el.line(), what);
    }

    /** At the end of the document: it must have held one whole superblock. */
    void finish(int line) throws ToolException {
        if (!sawSuperblock) {
            throw new ToolException("no <superblock> element in the input");
        }
        if (!endedSuperblock) {
            throw err(line, "the input ends before </superblock>");
        }
    }

    void start(String name, Element element) throws ToolException {
        this.tag = name;
        this.el = element;
        switch (name) {
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
                String n = req("name");
                need(!defs.containsKey(n), "<def name=\"" + n + "\"> defined twice");
                currentDef = new ArrayList<>();
                defs.put(n, currentDef);
            }
            case "ref" -> {
                need(inDevice || currentDef != null, "<ref> outside a device");
                String n = req("name");
                List<long[]> runs = defs.get(n);
                need(runs != null, "<ref name=\"" + n + "\"> refers to an unknown <def>");
                for (long[] run : runs) {
                    mapping(run[0], run[1], run[2], run[3]);
                }
            }
            default -> throw err("unknown tag type <" + name + ">");
        }
    }

    /**
     * A {@code <single_mapping>} or {@code <range_mapping>} whose attributes were already parsed (length ≥ 1);
     * {@code element} only serves for error lines.
     */
    void mapping(long o, long d, long len, long t, Element element) throws ToolException {
        this.el = element;
        mapping(o, d, len, t);
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

    void end(String name) throws ToolException {
        switch (name) {
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
        return el.attr(name);
    }

    private String req(String name) throws ToolException {
        String v = opt(name);
        if (v == null) {
            throw err("<" + tag + "> lacks the attribute " + name);
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
