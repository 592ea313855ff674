package org.jlvm.cli.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import org.jlvm.cli.JlvmRunner;

/** A VG as a refused command must leave it: its seqno and the PV's label and metadata area bytes (first MiB). */
record VgState(List<String> seqno, byte[] metadata) {
    private static final int PE_START = 1 << 20;

    static VgState of(JlvmRunner j, Path pv) throws Exception {
        byte[] head = new byte[PE_START];
        try (RandomAccessFile f = new RandomAccessFile(pv.toFile(), "r")) {
            f.readFully(head);
        }
        return new VgState(j.ok("vgs", "--noheadings", "-o", "vg_seqno").rows(), head);
    }

    void assertUnchanged(JlvmRunner j, Path pv) throws Exception {
        VgState now = of(j, pv);
        assertEquals(seqno, now.seqno, "seqno");
        assertArrayEquals(metadata, now.metadata, "label and metadata area bytes");
    }
}
