package org.jlvm.thin.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.format.BlockTime;
import org.jlvm.thin.format.DeviceDetails;
import org.jlvm.thin.format.ThinSuperblock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shared vector opens; superblock, details, mappings and counts match what the real tools saw. */
class VectorsTest {
    @TempDir
    Path tmp;

    private static final Pattern FIELD = Pattern.compile("^(\\w+): (.*)$", Pattern.MULTILINE);
    private static final Pattern SM = Pattern.compile("'(\\w+)': (\\d+)");

    @ParameterizedTest
    @ValueSource(strings = {"v1_empty", "v2_one_thin", "v3_snapshots", "v4_many", "v5_metasnap", "v6_shadowed",
        "v7_needs_check"})
    void openAndCompare(String name) throws Exception {
        Path img = Vectors.unpack(name, tmp);
        Map<String, String> dec = decoded(Vectors.expected(name + ".decoded.txt"));
        try (FileBlockDevice dev = FileBlockDevice.open(img, true);
             PoolMetadata pm = PoolMetadata.open(dev, 1 << 20, true)) {
            ThinSuperblock sb = pm.committedSuperblock();
            assertEquals(Long.parseLong(dec.get("time")), sb.time());
            assertEquals(Long.parseLong(dec.get("trans_id")), sb.transactionId());
            assertEquals(Long.parseLong(dec.get("held_root")), sb.heldRoot());
            assertEquals(Long.parseLong(dec.get("flags")), sb.flags());
            assertEquals(Long.parseLong(dec.get("data_block_size")), sb.dataBlockSize());
            assertEquals(Long.parseLong(dec.get("metadata_nr_blocks")), sb.metadataNrBlocks());
            assertEquals(Long.parseLong(dec.get("data_mapping_root")), sb.dataMappingRoot());
            assertEquals(Long.parseLong(dec.get("device_details_root")), sb.deviceDetailsRoot());
            Map<String, Long> dsm = smRoot(dec.get("data_sm_root"));
            Map<String, Long> msm = smRoot(dec.get("metadata_sm_root"));
            PoolStats st = pm.stats();
            assertEquals(dsm.get("nr_blocks"), st.dataBlocks());
            assertEquals(dsm.get("nr_allocated"), st.dataUsed());
            assertEquals(msm.get("nr_blocks"), st.metadataBlocks());
            assertEquals(msm.get("nr_allocated"), st.metadataUsed());
            assertEquals(sb.needsCheck(), st.needsCheck());

            // Devices, details and mappings against the real thin_dump's XML.
            String xml = Vectors.expected(name + ".thin_dump.xml");
            Map<Long, DeviceDetails> wantDetails = new TreeMap<>();
            Map<Long, TreeMap<Long, long[]>> wantMaps = parseDump(xml, wantDetails);
            assertEquals(new ArrayList<>(wantDetails.keySet()), pm.devices());
            Map<Long, Integer> dataRefs = new HashMap<>();
            for (long d : pm.devices()) {
                assertEquals(wantDetails.get(d), pm.details(d), "details of device " + d);
                TreeMap<Long, long[]> got = new TreeMap<>();
                pm.forEachMapping(d, 0, -1L, (vb, bt) -> {
                    got.put(vb, new long[] {BlockTime.blockOf(bt), BlockTime.timeOf(bt)});
                    return true;
                });
                assertEquals(wantMaps.get(d).size(), got.size(), "mappings of device " + d);
                for (Map.Entry<Long, long[]> e : wantMaps.get(d).entrySet()) {
                    long[] g = got.get(e.getKey());
                    assertTrue(g != null && g[0] == e.getValue()[0] && g[1] == e.getValue()[1],
                            "device " + d + " block " + e.getKey());
                    dataRefs.merge((int) g[0] == g[0] ? (long) g[0] : 0L, 1, Integer::sum);
                    // a single lookup agrees with the walk
                    BlockTime bt = pm.lookup(d, e.getKey());
                    assertEquals(g[0], bt.block());
                }
            }
            for (long b : dataRefs.keySet()) {
                assertTrue(pm.dataBlockCount(b) >= 1, "mapped data block " + b + " has a count");
            }
        }
    }

    private static Map<String, String> decoded(String text) {
        Map<String, String> m = new HashMap<>();
        Matcher mt = FIELD.matcher(text.substring(0, text.indexOf("---")));
        while (mt.find()) {
            m.put(mt.group(1), mt.group(2));
        }
        return m;
    }

    private static Map<String, Long> smRoot(String s) {
        Map<String, Long> m = new HashMap<>();
        Matcher mt = SM.matcher(s);
        while (mt.find()) {
            m.put(mt.group(1), Long.parseLong(mt.group(2)));
        }
        return m;
    }

    private static final Pattern DEVICE = Pattern.compile("<device dev_id=\"(\\d+)\" mapped_blocks=\"(\\d+)\" "
            + "transaction=\"(\\d+)\" creation_time=\"(\\d+)\" snap_time=\"(\\d+)\"");
    private static final Pattern RANGE = Pattern.compile("<range_mapping origin_begin=\"(\\d+)\" "
            + "data_begin=\"(\\d+)\" length=\"(\\d+)\" time=\"(\\d+)\"");
    private static final Pattern SINGLE = Pattern.compile("<single_mapping origin_block=\"(\\d+)\" "
            + "data_block=\"(\\d+)\" time=\"(\\d+)\"");

    /** Expands thin_dump XML into per-device (virtual → {data, time}) maps. */
    static Map<Long, TreeMap<Long, long[]>> parseDump(String xml, Map<Long, DeviceDetails> details) {
        Map<Long, TreeMap<Long, long[]>> out = new TreeMap<>();
        TreeMap<Long, long[]> cur = null;
        for (String line : xml.split("\n")) {
            Matcher d = DEVICE.matcher(line);
            Matcher r = RANGE.matcher(line);
            Matcher s = SINGLE.matcher(line);
            if (d.find()) {
                long id = Long.parseLong(d.group(1));
                details.put(id, new DeviceDetails(Long.parseLong(d.group(2)), Long.parseLong(d.group(3)),
                        Integer.parseInt(d.group(4)), Integer.parseInt(d.group(5))));
                cur = new TreeMap<>();
                out.put(id, cur);
            } else if (r.find()) {
                long o = Long.parseLong(r.group(1));
                long db = Long.parseLong(r.group(2));
                long len = Long.parseLong(r.group(3));
                long t = Long.parseLong(r.group(4));
                for (long i = 0; i < len; i++) {
                    cur.put(o + i, new long[] {db + i, t});
                }
            } else if (s.find()) {
                cur.put(Long.parseLong(s.group(1)), new long[] {Long.parseLong(s.group(2)),
                    Long.parseLong(s.group(3))});
            }
        }
        return out;
    }

    static List<String> names() {
        return List.of("v1_empty", "v2_one_thin", "v3_snapshots", "v4_many", "v5_metasnap", "v6_shadowed",
                "v7_needs_check");
    }
}
