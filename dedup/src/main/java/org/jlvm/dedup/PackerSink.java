package org.jlvm.dedup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import org.jlvm.dedup.compress.Packer;
import org.jlvm.dedup.map.RefCounts;
import org.jlvm.pool.io.BlockDevice;

/**
 * The packer's view of the data region: allocation and reference changes under the device's metadata lock,
 * packed-block writes to the backing device.
 */
final class PackerSink implements Packer.Sink {
private final ReentrantLock metaLock;
private final RefCounts refs;
private final BlockDevice backing;
private final long dataStart;

PackerSink(ReentrantLock metaLock, RefCounts refs, BlockDevice backing, long dataStart) {
    this.metaLock = metaLock;
    this.refs = refs;
    this.backing = backing;
    this.dataStart = dataStart;
}

    @Override
    public long allocate() throws IOException {
        metaLock.lock();
        try {
            long pbn = refs.allocate();
            refs.confirm(pbn);
            return pbn;
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public boolean reserve(long pbn) {
        metaLock.lock();
        try {
            return refs.tryAllocate(pbn);
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public void claim(long pbn) throws IOException {
        metaLock.lock();
        try {
            refs.confirm(pbn);
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public void unreserve(long pbn) throws IOException {
        metaLock.lock();
        try {
            refs.abandon(pbn);
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public boolean tryAddReference(long pbn) {
        metaLock.lock();
        try {
            return refs.tryShare(pbn);
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public void addReference(long pbn) throws IOException {
        metaLock.lock();
        try {
            refs.increment(pbn);
        } finally {
            metaLock.unlock();
        }
    }

    @Override
    public void write(long firstPbn, byte[] blocks, int count) throws IOException {
        backing.write((dataStart + firstPbn) * DedupDevice.BLOCK, ByteBuffer.wrap(blocks, 0,
                count * DedupDevice.BLOCK));
    }

    @Override
    public void release(long pbn) throws IOException {
        metaLock.lock();
        try {
            refs.decrement(pbn);
        } finally {
            metaLock.unlock();
        }
    }
}
