package org.jlvm.tools.xml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.ToolException;

/**
 * Reads the shape of XML thin_dump writes straight from the file's bytes, 1 MiB at a time: ASCII, elements
 * and attributes without entities, comments, processing instructions or namespaces, nothing but whitespace
 * between elements, mappings self-closing. Anything else is {@link Unsupported}: the caller then reads the
 * document again with {@link XmlPoolReader}, which accepts all well-formed XML and words the errors. No line
 * numbers are kept here, so a {@link ToolException} from this reader should also be redone that way.
 */
public final class FastXmlReader {
    /** The document is not in the shape this reader handles (or is not well-formed). */
    public static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    private static final int BUF = 1 << 20;
    private static final int MAX_ATTRS = 16;
    private static final int MAX_DEPTH = 8;
    private static final byte[] SINGLE = ascii("single_mapping");
    private static final byte[] RANGE = ascii("range_mapping");
    private static final byte[] ORIGIN_BLOCK = ascii("origin_block");
    private static final byte[] DATA_BLOCK = ascii("data_block");
    private static final byte[] ORIGIN_BEGIN = ascii("origin_begin");
    private static final byte[] DATA_BEGIN = ascii("data_begin");
    private static final byte[] LENGTH = ascii("length");
    private static final byte[] TIME = ascii("time");
    private static final PoolXmlHandler.Element NONE = new PoolXmlHandler.Element() {
        @Override
        public String attr(String name) {
            return null;
        }

        @Override
        public int line() {
            return -1;
        }
    };

    private final FileChannel ch;
    private final PoolXmlHandler h;
    private final LongConsumer progress;
    private final byte[] buf = new byte[BUF];
    private int pos;
    private int lim;
    private boolean eof;
    private long consumed;
    private long reported;
    private final String[] stack = new String[MAX_DEPTH];
    private int depth;
    private boolean rootDone;
    // attributes of the current tag: offsets into buf
    private final int[] an = new int[MAX_ATTRS];
    private final int[] anl = new int[MAX_ATTRS];
    private final int[] av = new int[MAX_ATTRS];
    private final int[] avl = new int[MAX_ATTRS];
    private int na;

    private FastXmlReader(FileChannel ch, Emitter e, LongConsumer progress) {
        this.ch = ch;
        this.h = new PoolXmlHandler(e);
        this.progress = progress;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads {@code xml} into {@code e}; {@code progress} (may be null) gets the bytes consumed now and then. */
    public static void read(Path xml, Emitter e, LongConsumer progress) throws Unsupported, ToolException,
            IOException {
        try (FileChannel ch = FileChannel.open(xml, StandardOpenOption.READ)) {
            new FastXmlReader(ch, e, progress).run();
        }
    }

    private void run() throws Unsupported, ToolException, IOException {
        while (true) {
            int lt = nextTag();
            if (lt < 0) {
                break;
            }
            int gt = tagEnd(lt);
            lt = pos; // tagEnd may have moved the data
            tag(lt, gt);
            pos = gt + 1;
        }
        if (depth != 0) {
            throw new Unsupported("unclosed element");
        }
        h.finish(-1);
    }

    private static boolean ws(int c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }

    /** Skips whitespace to the next '<' (returned, also in pos); -1 at the end of the input. */
    private int nextTag() throws Unsupported, IOException {
        while (true) {
            while (pos < lim) {
                byte c = buf[pos];
                if (c == '<') {
                    return pos;
                }
                if (!ws(c)) {
                    throw new Unsupported("text between elements");
                }
                pos++;
            }
            if (!fill()) {
                return -1;
            }
        }
    }

    /** The '>' ending the tag at pos (which may move when more input is read). */
    private int tagEnd(int lt) throws Unsupported, IOException {
        int i = lt + 1;
        while (true) {
            while (i < lim) {
                if (buf[i] == '>') {
                    return i;
                }
                i++;
            }
            int off = pos;
            if (!fill()) {
                throw new Unsupported("the input ends inside a tag");
            }
            i -= off - pos;
        }
    }

    /** Moves the unread bytes (from pos) to the front and reads more; false at the end of the input. */
    private boolean fill() throws Unsupported, IOException {
        if (eof) {
            return false;
        }
        int keep = lim - pos;
        if (keep == buf.length) {
            throw new Unsupported("a tag longer than the buffer");
        }
        System.arraycopy(buf, pos, buf, 0, keep);
        consumed += pos;
        if (progress != null && consumed - reported >= (1 << 22)) {
            reported = consumed;
            progress.accept(consumed);
        }
        pos = 0;
        lim = keep;
        int n = ch.read(ByteBuffer.wrap(buf, lim, buf.length - lim));
        if (n < 0) {
            eof = true;
            return lim > 0;
        }
        lim += n;
        return true;
    }

    private void tag(int lt, int gt) throws Unsupported, ToolException {
        int i = lt + 1;
        if (i >= gt) {
            throw new Unsupported("empty tag");
        }
        if (buf[i] == '/') {
            int ns = i + 1;
            int ne = tagName(ns, gt);
            for (int j = ne; j < gt; j++) {
                if (!ws(buf[j])) {
                    throw new Unsupported("junk in an end tag");
                }
            }
            String name = string(ns, ne - ns);
            if (depth == 0 || !stack[depth - 1].equals(name)) {
                throw new Unsupported("mismatched end tag");
            }
            depth--;
            if (depth == 0) {
                rootDone = true;
            }
            h.end(name);
            return;
        }
        if (rootDone) {
            throw new Unsupported("content after the root element");
        }
        boolean selfClosing = buf[gt - 1] == '/';
        int end = selfClosing ? gt - 1 : gt;
        if (selfClosing && depth > 0 && plainMapping(i, end)) {
            return;
        }
        int ne = tagName(i, end);
        attributes(ne, end);
        int nl = ne - i;
        if (same(i, nl, SINGLE) || same(i, nl, RANGE)) {
            if (!selfClosing || depth == 0) {
                throw new Unsupported("a mapping with content or outside the root");
            }
            mapping(nl == SINGLE.length);
            return;
        }
        String name = string(i, nl);
        if (depth == MAX_DEPTH) {
            throw new Unsupported("too deep");
        }
        h.start(name, element());
        if (selfClosing) {
            if (depth == 0) {
                rootDone = true;
            }
            h.end(name);
        } else {
            stack[depth++] = name;
        }
    }

    private static final byte[] SINGLE_ATTRS = ascii("single_mapping origin_block=\"");
    private static final byte[] RANGE_ATTRS = ascii("range_mapping origin_begin=\"");
    private static final byte[] DATA_BLOCK_ATTR = ascii(" data_block=\"");
    private static final byte[] DATA_BEGIN_ATTR = ascii(" data_begin=\"");
    private static final byte[] LENGTH_ATTR = ascii(" length=\"");
    private static final byte[] TIME_ATTR = ascii(" time=\"");
    /** Where {@link #digits} stopped (at the closing quote). */
    private int at;

    /**
     * A mapping exactly as thin_dump writes it (attributes in its order, one space apart), parsed without
     * the general attribute scan; false (nothing done) if the tag is anything else.
     */
    private boolean plainMapping(int i, int end) throws Unsupported, ToolException {
        boolean single;
        if (starts(i, end, SINGLE_ATTRS)) {
            single = true;
            i += SINGLE_ATTRS.length;
        } else if (starts(i, end, RANGE_ATTRS)) {
            single = false;
            i += RANGE_ATTRS.length;
        } else {
            return false;
        }
        long o = digits(i, end);
        if (o < 0 || !starts(at + 1, end, single ? DATA_BLOCK_ATTR : DATA_BEGIN_ATTR)) {
            return false;
        }
        long d = digits(at + 1 + DATA_BLOCK_ATTR.length, end);
        long len = 1;
        if (d < 0) {
            return false;
        }
        if (!single) {
            if (!starts(at + 1, end, LENGTH_ATTR)) {
                return false;
            }
            len = digits(at + 1 + LENGTH_ATTR.length, end);
            if (len <= 0) {
                return false;
            }
        }
        if (!starts(at + 1, end, TIME_ATTR)) {
            return false;
        }
        long t = digits(at + 1 + TIME_ATTR.length, end);
        if (t < 0) {
            return false;
        }
        for (int j = at + 1; j < end; j++) {
            if (!ws(buf[j])) {
                return false;
            }
        }
        h.mapping(o, d, len, t, NONE);
        return true;
    }

    private boolean starts(int i, int end, byte[] lit) {
        if (end - i < lit.length) {
            return false;
        }
        for (int j = 0; j < lit.length; j++) {
            if (buf[i + j] != lit[j]) {
                return false;
            }
        }
        return true;
    }

    /** 1 to 18 decimal digits from {@code i} up to a '"' (its position left in {@link #at}); -1 otherwise. */
    private long digits(int i, int end) {
        long v = 0;
        int j = i;
        while (j < end) {
            int c = buf[j] - '0';
            if (c < 0 || c > 9) {
                break;
            }
            v = v * 10 + c;
            j++;
        }
        if (j == i || j - i > 18 || j == end || buf[j] != '"') {
            return -1;
        }
        at = j;
        return v;
    }

    private void mapping(boolean single) throws Unsupported, ToolException {
        long o;
        long d;
        long len;
        if (single) {
            o = number(ORIGIN_BLOCK);
            d = number(DATA_BLOCK);
            len = 1;
        } else {
            len = number(LENGTH);
            if (len == 0) {
                throw new Unsupported("zero length");
            }
            o = number(ORIGIN_BEGIN);
            d = number(DATA_BEGIN);
        }
        h.mapping(o, d, len, number(TIME), NONE);
    }

    /** The end of the element name starting at {@code i}, which must be followed by whitespace or the end. */
    private int tagName(int i, int end) throws Unsupported {
        int j = name(i, end);
        if (j < end && !ws(buf[j])) {
            throw new Unsupported("an unusual name");
        }
        return j;
    }

    /** The end of the (element or attribute) name starting at {@code i}. */
    private int name(int i, int end) throws Unsupported {
        int j = i;
        while (j < end) {
            byte c = buf[j];
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || j > i && (c >= '0' && c <= '9'
                    || c == '-' || c == '.')) {
                j++;
            } else {
                break;
            }
        }
        if (j == i) {
            throw new Unsupported("no name");
        }
        return j;
    }

    private void attributes(int i, int end) throws Unsupported {
        na = 0;
        while (true) {
            int start = i;
            while (i < end && ws(buf[i])) {
                i++;
            }
            if (i == end) {
                return;
            }
            if (i == start || na == MAX_ATTRS) {
                throw new Unsupported("attributes not separated, or too many");
            }
            int ns = i;
            i = name(i, end);
            int nl = i - ns;
            while (i < end && ws(buf[i])) {
                i++;
            }
            if (i == end || buf[i] != '=') {
                throw new Unsupported("an attribute without a value");
            }
            i++;
            while (i < end && ws(buf[i])) {
                i++;
            }
            if (i == end || buf[i] != '"' && buf[i] != '\'') {
                throw new Unsupported("an unquoted value");
            }
            byte q = buf[i++];
            int vs = i;
            while (i < end && buf[i] != q) {
                byte c = buf[i];
                if (c == '<' || c == '&' || c < ' ' || c >= 127) {
                    throw new Unsupported("a value with entities or unusual characters");
                }
                i++;
            }
            if (i == end) {
                throw new Unsupported("an unterminated value");
            }
            for (int k = 0; k < na; k++) {
                if (anl[k] == nl && java.util.Arrays.equals(buf, an[k], an[k] + nl, buf, ns, ns + nl)) {
                    throw new Unsupported("a repeated attribute");
                }
            }
            an[na] = ns;
            anl[na] = nl;
            av[na] = vs;
            avl[na] = i - vs;
            na++;
            i++;
        }
    }

    private int find(byte[] name) {
        for (int k = 0; k < na; k++) {
            if (same(an[k], anl[k], name)) {
                return k;
            }
        }
        return -1;
    }

    private boolean same(int off, int len, byte[] s) {
        if (len != s.length) {
            return false;
        }
        for (int j = 0; j < len; j++) {
            if (buf[off + j] != s[j]) {
                return false;
            }
        }
        return true;
    }

    /** A plain decimal attribute of at most 18 digits (anything else is left to the general reader). */
    private long number(byte[] name) throws Unsupported {
        int k = find(name);
        if (k < 0 || avl[k] == 0 || avl[k] > 18) {
            throw new Unsupported("a missing or unusual number");
        }
        long v = 0;
        for (int j = av[k], e = av[k] + avl[k]; j < e; j++) {
            int c = buf[j] - '0';
            if (c < 0 || c > 9) {
                throw new Unsupported("not a plain number");
            }
            v = v * 10 + c;
        }
        return v;
    }

    private String string(int off, int len) {
        return new String(buf, off, len, StandardCharsets.ISO_8859_1);
    }

    /** The current tag's attributes as Strings, for the rare elements. */
    private PoolXmlHandler.Element element() {
        String[] names = new String[na];
        String[] values = new String[na];
        for (int k = 0; k < na; k++) {
            names[k] = string(an[k], anl[k]);
            values[k] = string(av[k], avl[k]);
        }
        return new PoolXmlHandler.Element() {
            @Override
            public String attr(String name) {
                for (int k = 0; k < names.length; k++) {
                    if (names[k].equals(name)) {
                        return values[k];
                    }
                }
                return null;
            }

            @Override
            public int line() {
                return -1;
            }
        };
    }
}
