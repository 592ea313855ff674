package org.jlvm.cli.nbd;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of an {@link NbdServer}.
 *
 * @param maxConnections        connections served at once; more are accepted and closed at once
 * @param handshakeTimeout      a connection that has not reached transmission by then is closed
 * @param workerThreads         threads executing requests, shared by all connections
 * @param maxPayload            the maximum payload advertised and enforced (READ and WRITE lengths)
 * @param maxInflightBytes      per connection: bytes of request and reply data held in memory at once; the
 *                              connection stops reading requests until replies have gone out
 * @param maxInflightRequests   per connection: requests received but not yet answered
 * @param drainTimeout          how long a closing connection waits for its replies to be written
 * @param tls                   TLS settings ({@link NbdTls#none()}: plain text on unix sockets and loopback only)
 */
public record NbdServerConfig(int maxConnections, Duration handshakeTimeout, int workerThreads, int maxPayload,
                              int maxInflightBytes, int maxInflightRequests, Duration drainTimeout, NbdTls tls) {

    public NbdServerConfig {
        Objects.requireNonNull(tls, "tls");
        if (maxConnections < 1 || workerThreads < 1 || maxInflightRequests < 1) {
            throw new IllegalArgumentException("connections, workers and in-flight requests must be at least 1");
        }
        if (maxPayload < 4096 || maxInflightBytes < maxPayload) {
            throw new IllegalArgumentException("maximum payload " + maxPayload + " must be at least 4096 and at most"
                    + " the in-flight byte budget " + maxInflightBytes);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero() || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Without TLS settings: {@link NbdTls#none()}. */
    public NbdServerConfig(int maxConnections, Duration handshakeTimeout, int workerThreads, int maxPayload,
                           int maxInflightBytes, int maxInflightRequests, Duration drainTimeout) {
        this(maxConnections, handshakeTimeout, workerThreads, maxPayload, maxInflightBytes, maxInflightRequests,
                drainTimeout, NbdTls.none());
    }

    /**
     * 256 connections, 10 s handshakes, 16 workers, 32 MiB payloads, 64 MiB and 256 requests per connection, no
     * certificate (so TCP only on loopback).
     */
    public static NbdServerConfig defaults() {
        return new NbdServerConfig(256, Duration.ofSeconds(10), 16, 32 << 20, 64 << 20, 256, Duration.ofSeconds(30));
    }

    public NbdServerConfig withTls(NbdTls t) {
        return new NbdServerConfig(maxConnections, handshakeTimeout, workerThreads, maxPayload, maxInflightBytes,
                maxInflightRequests, drainTimeout, t);
    }

    public NbdServerConfig withMaxConnections(int n) {
        return new NbdServerConfig(n, handshakeTimeout, workerThreads, maxPayload, maxInflightBytes,
                maxInflightRequests, drainTimeout, tls);
    }

    public NbdServerConfig withHandshakeTimeout(Duration d) {
        return new NbdServerConfig(maxConnections, d, workerThreads, maxPayload, maxInflightBytes,
                maxInflightRequests, drainTimeout, tls);
    }

    public NbdServerConfig withWorkerThreads(int n) {
        return new NbdServerConfig(maxConnections, handshakeTimeout, n, maxPayload, maxInflightBytes,
                maxInflightRequests, drainTimeout, tls);
    }

    public NbdServerConfig withInflight(int bytes, int requests) {
        return new NbdServerConfig(maxConnections, handshakeTimeout, workerThreads, maxPayload, bytes, requests,
                drainTimeout, tls);
    }
}
