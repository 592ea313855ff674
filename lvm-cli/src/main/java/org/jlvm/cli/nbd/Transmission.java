package org.jlvm.cli.nbd;

import static org.jlvm.cli.nbd.Protocol.*;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jlvm.cli.nbd.NbdErrors.NbdError;
import org.jlvm.cli.nbd.ReplyWriter.Reply;
import org.jlvm.pool.io.BlockDevice;

/**
 * The transmission phase of one connection. The connection's reader thread ({@link #run}) reads each request,
 * passes it through the {@link RequestValidator}, reads a WRITE's payload, and hands the request to the shared
 * workers, which run requests in parallel and give their replies to the connection's {@link ReplyWriter} (replies
 * go out in completion order, as NBD allows). Memory is bounded per connection: a request is read only once its
 * data fits in the in-flight byte budget and it is under the in-flight request count; both are returned when its
 * reply has been written. WRITE payloads and READ data live in the server's {@link BufferPool}, returned with them.
 */
final class Transmission {
    private static final int MAX_STATUS_DESCRIPTORS = 1 << 16;
    private static final int CACHE_CHUNK = 1 << 20;
    private static final int INLINE_MAX_BYTES = 256 * 1024;
    private static final ByteBuffer ZEROES = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

    private final ReadableByteChannel channel;
    private final Session session;
    private final RequestValidator validator;
    private final Executor workers;
    private final BufferPool buffers;
    private final ReplyWriter writer;
    private final BlockDevice device;
    private final Semaphore bytes;
    private final Semaphore requests;
    private final int maxBytes;
    private final int maxRequests;

    Transmission(ReadableByteChannel channel, Session session, NbdServerConfig config, Executor workers,
                 BufferPool buffers, ReplyWriter writer) {
        this.channel = channel;
        this.buffers = buffers;
        this.session = session;
        this.validator = new RequestValidator(session, config.maxPayload());
        this.workers = workers;
        this.writer = writer;
        this.device = session.export().device();
        this.maxBytes = config.maxInflightBytes();
        this.maxRequests = config.maxInflightRequests();
        this.bytes = new Semaphore(maxBytes);
        this.requests = new Semaphore(maxRequests);
    }

    /**
     * Serves requests until NBD_CMD_DISC (returns normally), the client goes away ({@link EOFException}) or breaks
     * the protocol ({@link ProtocolViolation}).
     */
    void run() throws IOException, InterruptedException {
        ByteBuffer header = Wire.allocate(REQUEST_HEADER_BYTES);
        while (true) {
            header.clear();
            Request r = Request.decode(Wire.readFully(channel, header));
            RequestValidator.Verdict v = validator.check(r);
            if (v.fatal()) {
                throw new ProtocolViolation(v.message());
            }
            if (r.type() == CMD_DISC && v.ok()) {
                return;
            }
            int cost = r.type() == CMD_READ || r.type() == CMD_WRITE ? (int) Math.min(r.length(), maxBytes) : 0;
            if (!v.ok() && r.type() == CMD_WRITE) {
                Wire.skip(channel, r.length()); // keep the stream in step; the data is not written
            }
            requests.acquire();
            int taken = v.ok() ? cost : 0;
            bytes.acquire(taken);
            List<ByteBuffer> owned = new ArrayList<>(2); // pooled buffers of this request, given back with it
            Runnable release = () -> {
                for (ByteBuffer b : owned) {
                    buffers.give(b);
                }
                bytes.release(taken);
                requests.release();
            };
            if (!v.ok()) {
                writer.send(new Reply(errorReply(r, v.error(), v.message()), release));
                continue;
            }
            ByteBuffer payload = null;
            if (r.type() == CMD_WRITE) {
                payload = buffers.take((int) r.length());
                owned.add(payload);
                try {
                    Wire.readFully(channel, payload);
                } catch (IOException e) {
                    release.run();
                    throw e;
                }
            }
            ByteBuffer data = payload;
            if (runsInline(r)) {
                // Alone in flight and small (a queue-depth-1 client): run and answer it here, saving two thread
                // hand-offs; the next request cannot be waiting behind it.
                Reply reply = new Reply(reply(r, data, owned), release);
                if (!writer.tryWriteNow(reply)) {
                    writer.send(reply);
                }
                continue;
            }
            try {
                workers.execute(() -> execute(r, data, owned, release));
            } catch (RejectedExecutionException e) {
                writer.send(new Reply(errorReply(r, ESHUTDOWN, "the server is shutting down"), release));
            }
        }
    }

    /** Waits until every request read has been answered (or dropped), at most {@code timeoutMillis}. */
    boolean drain(long timeoutMillis) throws InterruptedException {
        if (requests.tryAcquire(maxRequests, timeoutMillis, TimeUnit.MILLISECONDS)) {
            requests.release(maxRequests);
            return true;
        }
        return false;
    }

    private boolean runsInline(Request r) {
        return (r.type() == CMD_READ || r.type() == CMD_WRITE) && r.length() <= INLINE_MAX_BYTES
                && requests.availablePermits() == maxRequests - 1;
    }

    private void execute(Request r, ByteBuffer payload, List<ByteBuffer> owned, Runnable release) {
        writer.send(new Reply(reply(r, payload, owned), release));
    }

    /**
     * Runs a validated request; its reply (an error reply when the device failed). Buffers taken from the pool for
     * the reply are added to {@code owned}.
     */
    private ByteBuffer[] reply(Request r, ByteBuffer payload, List<ByteBuffer> owned) {
        ByteBuffer[] reply;
        try {
            reply = switch (r.type()) {
                case CMD_READ -> read(r, owned);
                case CMD_WRITE -> {
                    if (r.has(CMD_FLAG_FUA)) {
                        device.writeFua(r.offset(), payload);
                    } else {
                        device.write(r.offset(), payload);
                    }
                    yield ok(r);
                }
                case CMD_FLUSH -> {
                    device.flush();
                    yield ok(r);
                }
                case CMD_TRIM -> {
                    device.discard(r.offset(), r.length());
                    flushIfFua(r);
                    yield ok(r);
                }
                case CMD_WRITE_ZEROES -> writeZeroes(r);
                case CMD_CACHE -> {
                    cache(r);
                    yield ok(r);
                }
                case CMD_BLOCK_STATUS -> blockStatus(r);
                default -> throw new IllegalStateException("validated request of unknown type " + r.type());
            };
        } catch (Throwable t) {
            NbdError e = NbdErrors.of(t);
            reply = errorReply(r, e.code(), Protocol.commandName(r.type()) + ": " + e.message());
        }
        return reply;
    }

    private void flushIfFua(Request r) throws IOException {
        if (r.has(CMD_FLAG_FUA)) {
            device.flush();
        }
    }

    private ByteBuffer[] ok(Request r) {
        return new ByteBuffer[] {session.structuredReplies() ? Replies.none(r.cookie()) : Replies.simple(r.cookie(), 0)};
    }

    private ByteBuffer[] errorReply(Request r, int code, String message) {
        return new ByteBuffer[] {session.structuredReplies() ? Replies.error(r.cookie(), code, message)
                : Replies.simple(r.cookie(), code)};
    }

    private ByteBuffer readData(long offset, int length, List<ByteBuffer> owned) throws IOException {
        ByteBuffer buf = buffers.take(length);
        owned.add(buf);
        device.read(offset, buf);
        return buf.flip();
    }

    private ByteBuffer[] read(Request r, List<ByteBuffer> owned) throws IOException {
        int len = (int) r.length();
        if (!session.structuredReplies()) {
            return new ByteBuffer[] {Replies.simple(r.cookie(), 0), readData(r.offset(), len, owned)};
        }
        if (len == 0) {
            return new ByteBuffer[] {Replies.none(r.cookie())};
        }
        if (r.has(CMD_FLAG_DF) || session.export().allocation().isEmpty()) {
            return new ByteBuffer[] {Replies.offsetDataHeader(r.cookie(), REPLY_FLAG_DONE, r.offset(), len),
                    readData(r.offset(), len, owned)};
        }
        // Holes as OFFSET_HOLE chunks, data as OFFSET_DATA; runs of one kind are merged, the last chunk is DONE.
        AllocationMap map = session.export().allocation().get();
        List<long[]> runs = new ArrayList<>(); // {offset, length, allocated ? 1 : 0}
        long pos = r.offset();
        long end = pos + len;
        while (pos < end) {
            AllocationMap.Extent e = map.extentAt(pos, end - pos);
            long n = Math.min(e.length(), end - pos);
            long kind = e.allocated() ? 1 : 0;
            long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && last[2] == kind) {
                last[1] += n;
            } else {
                runs.add(new long[] {pos, n, kind});
            }
            pos += n;
        }
        List<ByteBuffer> out = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            long[] run = runs.get(i);
            int flags = i == runs.size() - 1 ? REPLY_FLAG_DONE : 0;
            if (run[2] == 1) {
                ByteBuffer data = readData(run[0], (int) run[1], owned);
                out.add(Replies.offsetDataHeader(r.cookie(), flags, run[0], (int) run[1]));
                out.add(data);
            } else {
                out.add(Replies.offsetHole(r.cookie(), flags, run[0], (int) run[1]));
            }
        }
        return out.toArray(new ByteBuffer[0]);
    }

    /**
     * WRITE_ZEROES. Without NO_HOLE the cheap way is taken when there is one (a device whose writeZeroes unmaps, or
     * whose discards punch holes that read as zeroes); with NO_HOLE zeroes are written as data so the range stays
     * provisioned. FAST_ZERO fails with ENOTSUP, before touching anything, unless the cheap way applies.
     */
    private ByteBuffer[] writeZeroes(Request r) throws IOException {
        boolean noHole = r.has(CMD_FLAG_NO_HOLE);
        Export e = session.export();
        boolean cheap = !noHole && (e.fastZeroes() || device.discardZeroes());
        if (r.has(CMD_FLAG_FAST_ZERO) && !cheap) {
            return errorReply(r, ENOTSUP, "zeroing this range would be no faster than writing it");
        }
        if (noHole) {
            writeZeroBuffers(r.offset(), r.length());
        } else if (!e.fastZeroes() && device.discardZeroes()) {
            device.discard(r.offset(), r.length());
        } else {
            device.writeZeroes(r.offset(), r.length());
        }
        flushIfFua(r);
        return ok(r);
    }

    private void writeZeroBuffers(long offset, long length) throws IOException {
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(ZEROES.capacity(), length - done);
            device.write(offset + done, ZEROES.duplicate().limit(n));
            done += n;
        }
    }

    /** CACHE: reads the range (and drops it) so the device's caches hold it. */
    private void cache(Request r) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CACHE_CHUNK, Math.max(1, r.length())));
        long done = 0;
        while (done < r.length()) {
            int n = (int) Math.min(buf.capacity(), r.length() - done);
            device.read(r.offset() + done, buf.clear().limit(n));
            done += n;
        }
    }

    private ByteBuffer[] blockStatus(Request r) throws IOException {
        long end = r.offset() + r.length();
        long[] lengths = new long[16];
        int[] flags = new int[16];
        int n = 0;
        long pos = r.offset();
        AllocationMap map = session.export().allocation().orElse(null);
        // With REQ_ONE, one descriptor: it is complete once a second one starts (or the range ends).
        int limit = r.has(CMD_FLAG_REQ_ONE) ? 2 : MAX_STATUS_DESCRIPTORS;
        while (pos < end && n < limit) {
            long len;
            int status;
            if (map == null) {
                len = end - pos;
                status = 0;
            } else {
                AllocationMap.Extent e = map.extentAt(pos, end - pos);
                len = Math.min(e.length(), end - pos);
                status = e.allocated() ? 0 : STATE_HOLE | STATE_ZERO;
            }
            if (n > 0 && flags[n - 1] == status && lengths[n - 1] + len <= 0xFFFF_FFFFL) {
                lengths[n - 1] += len;
            } else {
                if (n == lengths.length) {
                    lengths = java.util.Arrays.copyOf(lengths, n * 2);
                    flags = java.util.Arrays.copyOf(flags, n * 2);
                }
                lengths[n] = len;
                flags[n] = status;
                n++;
            }
            pos += len;
        }
        n = Math.min(n, limit == 2 ? 1 : n);
        return new ByteBuffer[] {Replies.blockStatus(r.cookie(), BASE_ALLOCATION_ID, lengths, flags, n)};
    }
}
