package org.jlvm.cli.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jlvm.pool.io.BlockDevice;
import org.jlvm.pool.io.ForwardingBlockDevice;

/**
 * A thin volume as the daemon exports it: flushes (and FUA writes) go through the pool's {@link GroupCommit}, so
 * flushes from many connections share commits; discards and zero writes go to the volume (which unmaps). Closing
 * it leaves the volume to its pool.
 */
final class GroupCommitVolume extends ForwardingBlockDevice {
    private final GroupCommit commits;

    GroupCommitVolume(BlockDevice volume, GroupCommit commits) {
        super(volume);
        this.commits = commits;
    }

    @Override
    public void flush() throws IOException {
        commits.flush();
    }

    @Override
    public void writeFua(long offset, ByteBuffer src) throws IOException {
        inner.write(offset, src);
        commits.flush();
    }

    @Override
    public void discard(long offset, long length) throws IOException {
        inner.discard(offset, length);
    }

    @Override
    public void writeZeroes(long offset, long length) throws IOException {
        inner.writeZeroes(offset, length);
    }

    @Override
    public boolean supportsDiscard() {
        return inner.supportsDiscard();
    }

    @Override
    public void close() {
        // the pool owns the volume
    }
}
