package org.jlvm.tools.xml;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.ToolException;

/**
 * Streams any well-formed thin_dump XML into an {@link Emitter} through StAX (the general reader; see
 * {@link FastXmlReader} for the common shape). Errors name the line and what was wrong.
 */
public final class XmlPoolReader {
    private final XMLStreamReader r;
    private final PoolXmlHandler h;
    private final PoolXmlHandler.Element element = new PoolXmlHandler.Element() {
        @Override
        public String attr(String name) {
            return r.getAttributeValue(null, name);
        }

        @Override
        public int line() {
            return XmlPoolReader.this.line();
        }
    };

    private XmlPoolReader(XMLStreamReader r, Emitter e) {
        this.r = r;
        this.h = new PoolXmlHandler(e);
    }

    /** Reads the whole document. */
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

    private void run() throws ToolException {
        try {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    h.start(r.getLocalName(), element);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    h.end(r.getLocalName());
                } else if (ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
                    throw h.err(line(), "unexpected text '" + r.getText().trim() + "'");
                }
            }
        } catch (XMLStreamException ex) {
            int l = ex.getLocation() == null ? line() : ex.getLocation().getLineNumber();
            throw new ToolException("line " + l + ": bad XML: " + clean(ex));
        }
        h.finish(line());
    }
}
