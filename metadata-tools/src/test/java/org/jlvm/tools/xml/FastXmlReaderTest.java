package org.jlvm.tools.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jlvm.tools.ir.DeviceInfo;
import org.jlvm.tools.ir.Emitter;
import org.jlvm.tools.ir.SuperblockInfo;
import org.jlvm.tools.ir.ToolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The byte-level reader gives the same event stream as the StAX reader, or declines. */
class FastXmlReaderTest {
    @TempDir
    Path dir;

    /** Every event as a line of text. */
    static final class Recorder implements Emitter {
        final List<String> events = new ArrayList<>();

        @Override
        public void beginSuperblock(SuperblockInfo sb) {
            events.add("sb " + sb);
        }

        @Override
        public void beginDevice(DeviceInfo dev) {
            events.add("dev " + dev);
        }

        @Override
        public void rangeMapping(long o, long d, long len, long t) {
            events.add(o + " " + d + " " + len + " " + t);
        }

        @Override
        public void endDevice() {
            events.add("end dev");
        }

        @Override
        public void endSuperblock() {
            events.add("end sb");
        }
    }

    private List<String> stax(String xml) throws ToolException {
        Recorder r = new Recorder();
        XmlPoolReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), r);
        return r.events;
    }

    private List<String> fast(String xml) throws Exception {
        Path p = dir.resolve("in.xml");
        Files.writeString(p, xml);
        Recorder r = new Recorder();
        FastXmlReader.read(p, r, null);
        return r.events;
    }

    /** A pool in thin_dump's shape, with some of the liberties XML allows when {@code loose}. */
    static String pool(Random rnd, boolean loose) {
        StringBuilder b = new StringBuilder();
        String sp = loose ? " \n\t" : " ";
        b.append("<superblock uuid=\"\" time=\"3\" transaction=\"7\" flags=\"0\" version=\"2\" data_block_size=\"128\""
                + " nr_data_blocks=\"").append(1 + rnd.nextInt(1 << 20)).append("\">\n");
        if (loose) {
            b.append("<def name='shared'>\n<single_mapping origin_block=\"5\" data_block=\"9\" time=\"1\"/>\n</def>\n");
        }
        int devs = 1 + rnd.nextInt(5);
        for (int dv = 0; dv < devs; dv++) {
            b.append("  <device dev_id=\"").append(dv).append("\" mapped_blocks=\"0\" transaction=\"0\""
                    + " creation_time=\"0\" snap_time=\"0\">\n");
            long v = rnd.nextInt(100);
            for (int i = rnd.nextInt(3000); i > 0; i--) {
                long len = 1 + rnd.nextInt(16);
                long d = rnd.nextLong() >>> 30;
                int t = rnd.nextInt(10);
                if (loose && rnd.nextInt(10) == 0) {
                    b.append("<range_mapping").append(sp).append("time = '").append(t).append("'").append(sp)
                            .append("data_begin=\"").append(d).append("\" length=\"").append(len)
                            .append("\" origin_begin=\"").append(v).append("\"").append(sp).append("/>");
                } else if (len == 1) {
                    b.append("    <single_mapping origin_block=\"").append(v).append("\" data_block=\"").append(d)
                            .append("\" time=\"").append(t).append("\"/>\n");
                } else {
                    b.append("    <range_mapping origin_begin=\"").append(v).append("\" data_begin=\"").append(d)
                            .append("\" length=\"").append(len).append("\" time=\"").append(t).append("\"/>\n");
                }
                v += len + rnd.nextInt(4);
            }
            if (loose) {
                b.append("<ref name=\"shared\"/>");
            }
            b.append("  </device>\n");
        }
        b.append("</superblock>\n");
        return b.toString();
    }

    @Test
    void sameEventsAsStaxOnGeneratedPools() throws Exception {
        long seed = new Random().nextLong();
        System.out.println("FastXmlReaderTest seed " + seed);
        Random rnd = new Random(seed);
        for (int i = 0; i < 12; i++) {
            String xml = pool(rnd, i % 2 == 1);
            List<String> want = stax(xml);
            assertTrue(want.size() > 2);
            assertEquals(want, fast(xml), "seed " + seed + " pool " + i);
        }
    }

    @Test
    void declinesWhatItDoesNotHandle() {
        String head = "<superblock uuid=\"\" time=\"0\" transaction=\"1\" data_block_size=\"128\" nr_data_blocks=\"9\">";
        for (String odd : new String[] {
            "<?xml version=\"1.0\"?>" + head + "</superblock>",
            head + "<!-- a comment --></superblock>",
            head.replace("uuid=\"\"", "uuid=\"&amp;\"") + "</superblock>",
            head + "text</superblock>",
            head + "<device dev_id=\"1\" mapped_blocks=\"0\" transaction=\"0\" creation_time=\"0\" snap_time=\"0\">"
                    + "</superblock>",
            head + "</superblock><superblock/>",
            head,
            head.replace("time=\"0\"", "time=\"0\" time=\"1\"") + "</superblock>",
        }) {
            assertThrows(FastXmlReader.Unsupported.class, () -> fast(odd), odd);
        }
    }

    @Test
    void stillRejectsWhatTheGeneralReaderRejects() throws IOException {
        // Not an error of shape: the handler's own error (the caller redoes it with StAX for the line).
        String xml = "<superblock uuid=\"\" time=\"0\" transaction=\"1\" data_block_size=\"128\" nr_data_blocks=\"9\">"
                + "<foo/></superblock>";
        ToolException e = assertThrows(ToolException.class, () -> fast(xml));
        assertTrue(e.getMessage().contains("unknown tag type <foo>"), e.getMessage());
    }
}
