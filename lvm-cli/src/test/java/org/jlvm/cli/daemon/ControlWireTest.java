package org.jlvm.cli.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Map;
import org.jlvm.cli.lvm.vg.ActivePools;
import org.junit.jupiter.api.Test;

/** The control protocol's frames and values: round trips, and what a broken peer gets. */
class ControlWireTest {
    private static byte[] frame(ControlMessage m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ControlWire.write(Channels.newChannel(out), m);
        return out.toByteArray();
    }

    private static ControlMessage read(byte[] bytes) throws IOException {
        return ControlWire.read(Channels.newChannel(new ByteArrayInputStream(bytes)));
    }

    @Test
    void framesRoundTripWithRepeatedKeysInOrder() throws IOException {
        ControlMessage m = ControlMessage.of("deactivate").put("vg", "vg0").put("lv", "thin1").put("lv", "snap-1")
                .build();
        byte[] b = frame(m);
        assertEquals(b.length - 4, ByteBuffer.wrap(b).getInt(), "a 4-byte big-endian length, then the text");
        assertEquals("deactivate\nvg=vg0\nlv=thin1\nlv=snap-1", new String(b, 4, b.length - 4,
                java.nio.charset.StandardCharsets.UTF_8));
        ControlMessage back = read(b);
        assertEquals("deactivate", back.verb());
        assertEquals(List.of("thin1", "snap-1"), back.all("lv"));
        assertEquals("vg0", back.require("vg"));
    }

    @Test
    void brokenFramesAreProtocolErrors() {
        assertThrows(EOFException.class, () -> read(new byte[0]));
        assertThrows(EOFException.class, () -> read(new byte[] {0, 0, 0, 9, 'p', 'i'}));
        assertThrows(ControlMessage.ProtocolException.class, () -> read(new byte[] {0, 0, 0, 0}));
        assertThrows(ControlMessage.ProtocolException.class, () -> read(new byte[] {0x7f, 0, 0, 0}));
        assertThrows(ControlMessage.ProtocolException.class, () -> read(new byte[] {0, 0, 0, 2, (byte) 0xc3, 0x28}));
        assertThrows(ControlMessage.ProtocolException.class, () -> read(new byte[] {0, 0, 0, 6, 'p', '\n', 'n', 'o',
            'e', 'q'}));
        assertThrows(IllegalArgumentException.class, () -> frame(ControlMessage.of("x").put("k", "a\nb").build()));
    }

    @Test
    void statusAndMessagesRoundTrip() throws IOException {
        ActivePools.VgActivity a = new ActivePools.VgActivity(
                Map.of("thin1", new ActivePools.LvActivity(false, 2, "nbd+unix:///vg0/thin1?socket=/run/x,y.sock"),
                        "pool0", new ActivePools.LvActivity(false, 0, "")),
                Map.of("pool0", new ActivePools.PoolActivity(7, 10, 3200, 20, 1024, 'D', Map.of(1L, 10L, 2L, 0L))));
        ControlMessage.Builder b = ControlMessage.of(ControlProtocol.OK);
        ControlProtocol.putActivity(b, a);
        assertEquals(a, ControlProtocol.activity(read(frame(b.build()))));
        for (ActivePools.PoolChange c : List.of(
                new ActivePools.PoolChange(ActivePools.PoolChange.Kind.CREATE, 3, -1),
                new ActivePools.PoolChange(ActivePools.PoolChange.Kind.SNAPSHOT, 4, 1),
                new ActivePools.PoolChange(ActivePools.PoolChange.Kind.DELETE, 2, -1))) {
            assertEquals(c, ControlProtocol.change(ControlProtocol.change(c)));
        }
        ControlMessage.ProtocolException e = assertThrows(ControlMessage.ProtocolException.class,
                () -> ControlProtocol.change("rename:1"));
        assertTrue(e.getMessage().contains("rename:1"), e.getMessage());
    }

    @Test
    void activationRequestsRoundTrip() throws IOException {
        ActivationRequest.Extent e1 = new ActivationRequest.Extent("/tmp/pv0.img", 1 << 20, 4 << 20);
        ActivationRequest.Extent e2 = new ActivationRequest.Extent("/tmp/pv1.img", 5 << 20, 200 << 20);
        ActivationRequest r = new ActivationRequest("vg0",
                Map.of("pool0", new ActivationRequest.PoolTable("pool0", 128, true, "passdown", false, 3,
                        List.of(e1), List.of(e2, e1))),
                List.of("pool0"), List.of(new ActivationRequest.ThinTable("thin1", "pool0", 1, 1L << 30, true)),
                Map.of("lin", new ActivationRequest.LinearTable("lin", false, List.of(e2))));
        assertEquals(r, ActivationRequest.decode(read(frame(r.encode()))));
    }
}
