package org.jlvm.thin.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The 24-byte value of the device-details tree. */
public record DeviceDetails(long mappedBlocks, long transactionId, int creationTime, int snapshottedTime) {
    public static final int SIZE = 24;

    public static DeviceDetails decode(byte[] d, int off) {
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        return new DeviceDetails(b.getLong(off), b.getLong(off + 8), b.getInt(off + 16), b.getInt(off + 20));
    }

    public byte[] encode() {
        byte[] d = new byte[SIZE];
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, mappedBlocks);
        b.putLong(8, transactionId);
        b.putInt(16, creationTime);
        b.putInt(20, snapshottedTime);
        return d;
    }

    public DeviceDetails withMappedBlocks(long n) {
        return new DeviceDetails(n, transactionId, creationTime, snapshottedTime);
    }

    public DeviceDetails withSnapshottedTime(int t) {
        return new DeviceDetails(mappedBlocks, transactionId, creationTime, t);
    }
}
