package org.jlvm.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jlvm.cli.ExitCodes;
import org.jlvm.cli.nbd.Export;
import org.jlvm.cli.nbd.ExportRegistry;
import org.jlvm.cli.nbd.NbdServer;
import org.jlvm.cli.nbd.NbdServerConfig;
import org.jlvm.cli.nbd.NbdTls;
import org.jlvm.pool.io.FileBlockDevice;
import org.jlvm.thin.pool.ThinPool;
import org.jlvm.thin.pool.ThinPoolConfig;
import org.jlvm.thin.pool.ThinVolume;
import org.jlvm.tools.command.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nbd_serve}: a developer command that serves a file and/or a thin volume over NBD until interrupted
 * (SIGINT/SIGTERM, or the thread is interrupted).
 */
@Command(name = "nbd_serve", mixinStandardHelpOptions = true,
        description = "Serve a file and/or a thin volume over NBD (unix socket and/or TCP, optionally TLS) until"
                + " interrupted. TLS is required on TCP addresses other than loopback unless --tls=off.")
public final class NbdServeCommand implements Callable<Integer> {
    /** The name the dispatcher registers this command under, and its one-line summary. */
    public static final String NAME = "nbd_serve";
    public static final String SUMMARY = "developer: serve a file or thin volume over NBD until interrupted";
    private static final int THIN_BLOCK_SECTORS = 128;

    @Spec
    CommandSpec spec;

    @Option(names = "--file", paramLabel = "PATH", description = "a file (or block device) to export")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "export name of --file (default: the file name)")
    String name;

    @Option(names = "--thin-pool", paramLabel = "META,DATA", split = ",",
            description = "a thin pool's metadata and data files; formatted (64 KiB blocks) when META does not exist")
    List<Path> thinPool;

    @Option(names = "--thin-dev", paramLabel = "ID", defaultValue = "0",
            description = "thin device to export (created when absent), default 0")
    long thinDev;

    @Option(names = "--thin-size", paramLabel = "SIZE", converter = Sizes.Converter.class,
            description = "size of the thin volume (default: the data file's size); also the data file's size when"
                    + " the pool is created")
    Long thinSize;

    @Option(names = "--thin-snapshots", paramLabel = "N", defaultValue = "0",
            description = "export instead the end of a chain of N snapshots: device ID+i is a snapshot of ID+i-1"
                    + " (those absent are taken when serving starts); for read benchmarks at snapshot depth N")
    int thinSnapshots;

    @Option(names = "--thin-name", paramLabel = "NAME", defaultValue = "pool/thin",
            description = "export name of the thin volume, default pool/thin")
    String thinName;

    @Option(names = "--socket", paramLabel = "PATH", description = "listen on this unix socket (mode 0600)")
    Path socket;

    @Option(names = "--port", paramLabel = "N", description = "listen on this TCP port (0: any free port)")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "TCP address to bind, default 127.0.0.1")
    String bind;

    @Option(names = "--tcp", paramLabel = "HOST:PORT",
            description = "listen on TCP at HOST:PORT ([v6-address]:PORT for IPv6); instead of --bind/--port")
    String tcp;

    @Option(names = "--tls", paramLabel = "MODE", defaultValue = "auto",
            description = "off, on (clients may STARTTLS), require (they must), auto (default: require beyond"
                    + " loopback, on where a certificate is given, else off)")
    String tls;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "server certificate chain (PEM), or a PKCS#12 file (.p12/.pfx, empty password) with the key")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the server's private key (PEM)")
    Path tlsKey;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "CA certificates (PEM): clients must present a certificate that chains to one")
    Path tlsCa;

    @Option(names = "--tls-allow", paramLabel = "RULE",
            description = "allow a client certificate: [EXPORT,...=]sha256:FINGERPRINT or [EXPORT,...=]subject:DN;"
                    + " repeatable; other certificates are refused and exports are listed only to clients allowed"
                    + " to open them")
    List<String> tlsAllow;

    @Option(names = "--read-only", description = "export read-only")
    boolean readOnly;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "256",
            description = "connections served at once, default 256")
    int maxConnections;

    @Override
    public Integer call() throws Exception {
        if (file == null && thinPool == null) {
            throw new IllegalArgumentException("give --file PATH and/or --thin-pool META,DATA");
        }
        if (thinPool != null && thinPool.size() != 2) {
            throw new IllegalArgumentException("--thin-pool takes two files: META,DATA");
        }
        if (socket == null && port == null && tcp == null) {
            throw new IllegalArgumentException("give --socket PATH and/or --port N or --tcp HOST:PORT");
        }
        if (tcp != null && port != null) {
            throw new IllegalArgumentException("give --tcp HOST:PORT or --port N, not both");
        }
        NbdTls tlsSettings = tlsSettings();
        PrintWriter out = spec.commandLine().getOut();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            List<Export> exports = new ArrayList<>();
            if (file != null) {
                FileBlockDevice dev = FileBlockDevice.open(file, readOnly);
                resources.add(dev);
                String n = name != null ? name : file.getFileName().toString();
                exports.add(Export.of(n, dev, readOnly).withDescription("file " + file));
            }
            if (thinPool != null) {
                exports.add(openThin(resources));
            }
            NbdServer server = new NbdServer(ExportRegistry.of(exports),
                    NbdServerConfig.defaults().withMaxConnections(maxConnections).withTls(tlsSettings));
            resources.add(server);
            Thread hook = new Thread(() -> closeAll(resources), "nbd_serve shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            if (socket != null) {
                out.println("listening on unix:" + server.listenUnix(socket));
            }
            if (port != null) {
                out.println("listening on tcp:" + server.listenTcp(bind, port));
            }
            if (tcp != null) {
                int colon = tcp.lastIndexOf(':');
                String host = colon > 0 ? tcp.substring(0, colon).replaceAll("^\\[(.*)]$", "$1") : "";
                int p = colon > 0 ? parsePort(tcp.substring(colon + 1)) : -1;
                if (host.isEmpty() || p < 0) {
                    throw new IllegalArgumentException("--tcp " + tcp + ": not HOST:PORT");
                }
                out.println("listening on tcp:" + server.listenTcp(host, p));
            }
            for (Export e : exports) {
                out.println("export '" + e.name() + "' " + e.device().size() + " bytes"
                        + (e.readOnly() ? " read-only" : ""));
            }
            out.println("serving until interrupted");
            out.flush();
            boolean interrupted = false;
            try {
                server.awaitClosed();
            } catch (InterruptedException e) {
                interrupted = true; // restored after closing: an interrupted thread's FileChannel I/O fails
            }
            Runtime.getRuntime().removeShutdownHook(hook);
            closeAll(resources);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            closeAll(resources);
            throw e;
        }
    }

    private NbdTls tlsSettings() throws IOException {
        return NbdTls.configure(tls, tlsCert, tlsKey, tlsCa, tlsAllow, n -> "--" + n);
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            return p >= 0 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Export openThin(List<AutoCloseable> resources) throws IOException {
        Path meta = thinPool.get(0);
        Path dataFile = thinPool.get(1);
        boolean create = !Files.exists(meta);
        FileBlockDevice data;
        if (create) {
            if (thinSize == null && !Files.exists(dataFile)) {
                throw new IllegalArgumentException("--thin-size is needed to create the data file " + dataFile);
            }
            data = thinSize != null ? FileBlockDevice.create(dataFile, thinSize) : FileBlockDevice.open(dataFile, false);
        } else {
            data = FileBlockDevice.open(dataFile, readOnly);
        }
        resources.add(data);
        FileBlockDevice md = create ? FileBlockDevice.create(meta, 32L << 20) : FileBlockDevice.open(meta, readOnly);
        resources.add(md);
        ThinPoolConfig cfg = ThinPoolConfig.defaults();
        ThinPool pool = create ? ThinPool.format(md, data, THIN_BLOCK_SECTORS, cfg)
                : ThinPool.open(md, data, THIN_BLOCK_SECTORS, cfg);
        resources.add(pool);
        if (!pool.devices().contains(thinDev)) {
            pool.createThin(thinDev);
        }
        if (thinSnapshots < 0) {
            throw new IllegalArgumentException("--thin-snapshots must be 0 or more");
        }
        for (long i = 1; i <= thinSnapshots; i++) {
            if (!pool.devices().contains(thinDev + i)) {
                pool.createSnapshot(thinDev + i, thinDev + i - 1);
            }
        }
        long exported = thinDev + thinSnapshots;
        long bb = pool.blockBytes();
        long size = thinSize != null ? thinSize / bb * bb : data.size() / bb * bb;
        ThinVolume vol = pool.volume(exported, size);
        // A thin volume's writeZeroes unmaps whole blocks: cheap, so FAST_ZERO requests may proceed.
        return Export.of(thinName, vol, readOnly).withAllocation(new ThinAllocationMap(vol, bb)).withFastZeroes(true)
                .withDescription("thin device " + exported + " of " + meta);
    }

    /** Closes in reverse order of opening (server, pool, devices); idempotent enough for a second call. */
    private static synchronized void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                System.getLogger(NbdServeCommand.class.getName()).log(System.Logger.Level.WARNING,
                        "closing " + resources.get(i) + ": " + e);
            }
        }
        resources.clear();
    }
}
