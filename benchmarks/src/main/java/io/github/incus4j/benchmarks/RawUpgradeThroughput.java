package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What raw upgrades (SFTP, NBD, port forwarding) cost, outside the B table: the figures behind
 * "Console and raw connections" in docs/ARCHITECTURE.md.
 *
 * <pre>
 * RawUpgradeThroughput daemon   SFTP read and write of a 64 MiB file in a throw-away container,
 *                               16 requests of 32 KiB in flight, both transports, median of 7;
 *                               then the heap held per idle SFTP connection (50 open)
 * RawUpgradeThroughput peer     256 MiB each way through an in-process Unix-socket peer that
 *                               answers 101: the client's own cost, process CPU least of 7
 * </pre>
 *
 * <p>The connections are used through {@code var}, so that the same source measures older
 * versions of the client too, whatever the connection's type was called then.
 */
public final class RawUpgradeThroughput {

    private static final int CHUNK = 32 * 1024;
    private static final int IN_FLIGHT = 16;
    private static final long FILE = 64L << 20;
    private static final long STREAM = 256L << 20;
    private static final int ROUNDS = 7;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private RawUpgradeThroughput() {
    }

    /**
     * Entry point.
     *
     * @param args {@code daemon} or {@code peer}
     * @throws Exception if a measurement fails
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "daemon";
        switch (mode) {
            case "daemon" -> daemon();
            case "peer" -> peer();
            default -> throw new IllegalArgumentException("usage: RawUpgradeThroughput daemon|peer");
        }
        System.exit(0);
    }

    private static void daemon() throws Exception {
        try (IncusDaemon daemon = IncusDaemon.start();
                IncusClient unix = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                IncusClient https = IncusClient.builder().url(daemon.httpsUrl().toString())
                        .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                        .serverCertificate(daemon.serverCertificate()).build()) {
            String name = "upgrade-throughput";
            unix.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            daemon.incusOrFail("exec", name, "--", "busybox", "dd", "if=/dev/zero", "of=/root/big", "bs=1M",
                    "count=" + (FILE >> 20));
            for (IncusClient client : List.of(unix, https)) {
                double[] reads = new double[ROUNDS];
                double[] writes = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    reads[round] = sftp(client, name, "/root/big", false);
                    writes[round] = sftp(client, name, "/root/upload", true);
                }
                System.out.printf("%s: SFTP read %.0f MiB/s, write %.0f MiB/s (median of %d)%n",
                        client == unix ? "Unix socket" : "HTTPS", median(reads), median(writes), ROUNDS);
            }
            List<Object> open = new ArrayList<>();
            long before = heapAfterGc();
            for (int i = 0; i < 50; i++) {
                var sftp = unix.instances().connections(name).sftp().block();
                init(sftp.input(), sftp.output());
                open.add(sftp);
            }
            System.out.printf("heap per idle SFTP connection: %.1f KiB%n", (heapAfterGc() - before) / 1024.0 / 50);
            for (Object connection : open) {
                ((AutoCloseable) connection).close();
            }
            unix.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
        }
    }

    /** One SFTP session: opens the file and reads or writes it whole; returns MiB/s. */
    private static double sftp(IncusClient client, String instance, String path, boolean write) throws Exception {
        var sftp = client.instances().connections(instance).sftp().block();
        try {
            init(sftp.input(), sftp.output());
            byte[] handle = open(sftp.input(), sftp.output(), path, write ? 0x02 | 0x08 | 0x10 : 0x01);
            long started = System.nanoTime();
            transfer(sftp.input(), sftp.output(), handle, write);
            return FILE / 1048576.0 / ((System.nanoTime() - started) / 1e9);
        } finally {
            sftp.close();
        }
    }

    /** SSH_FXP_READ or SSH_FXP_WRITE requests from this thread, {@value #IN_FLIGHT} in flight; answers read on another. */
    private static void transfer(InputStream input, OutputStream output, byte[] handle, boolean write)
            throws Exception {
        long chunks = FILE / CHUNK;
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread answers = new Thread(() -> {
            try {
                for (long i = 0; i < chunks; i++) {
                    int type = packet(input)[0] & 0xff;
                    if (type != (write ? 101 : 103)) {
                        throw new IllegalStateException("SFTP answer type " + type);
                    }
                    inFlight.release();
                }
            } catch (Throwable t) {
                failure.set(t);
                inFlight.release(IN_FLIGHT);
            }
        }, "sftp-answers");
        answers.start();
        byte[] data = new byte[CHUNK];
        for (long i = 0; i < chunks && failure.get() == null; i++) {
            inFlight.acquire();
            ByteBuffer request = ByteBuffer.allocate(25 + handle.length + (write ? CHUNK : 0));
            request.putInt(request.capacity() - 4).put((byte) (write ? 6 : 5)).putInt((int) i)
                    .putInt(handle.length).put(handle).putLong(i * CHUNK);
            if (write) {
                request.putInt(CHUNK).put(data);
            } else {
                request.putInt(CHUNK);
            }
            output.write(request.array());
        }
        answers.join();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    private static void init(InputStream input, OutputStream output) throws IOException {
        output.write(ByteBuffer.allocate(9).putInt(5).put((byte) 1).putInt(3).array());
        if (packet(input)[0] != 2) {
            throw new IllegalStateException("no SSH_FXP_VERSION");
        }
    }

    private static byte[] open(InputStream input, OutputStream output, String path, int flags) throws IOException {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        ByteBuffer request = ByteBuffer.allocate(21 + name.length);
        request.putInt(request.capacity() - 4).put((byte) 3).putInt(1).putInt(name.length).put(name).putInt(flags)
                .putInt(0);
        output.write(request.array());
        ByteBuffer reply = ByteBuffer.wrap(packet(input));
        if ((reply.get() & 0xff) != 102) {
            throw new IllegalStateException("cannot open " + path);
        }
        reply.getInt();
        byte[] handle = new byte[reply.getInt()];
        reply.get(handle);
        return handle;
    }

    private static byte[] packet(InputStream input) throws IOException {
        DataInputStream data = new DataInputStream(input);
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        return body;
    }

    private static void peer() throws Exception {
        Path directory = Files.createTempDirectory("incus-upgrade-peer");
        Path socket = directory.resolve("peer.socket");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            for (boolean write : new boolean[] {false, true}) {
                Thread peer = new Thread(() -> servePeer(server, write), "upgrade-peer");
                peer.setDaemon(true);
                peer.start();
                double[] cpu = new double[ROUNDS];
                double[] speed = new double[ROUNDS];
                try (IncusClient client = IncusClient.builder().unixSocket(socket).build()) {
                    for (int round = 0; round < ROUNDS; round++) {
                        var connection = client.instances().connections("peer").sftp().block();
                        long cpuBefore = os.getProcessCpuTime();
                        long started = System.nanoTime();
                        byte[] buffer = new byte[CHUNK];
                        for (long done = 0; done < STREAM; done += CHUNK) {
                            if (write) {
                                connection.output().write(buffer);
                            } else {
                                connection.input().readNBytes(buffer, 0, CHUNK);
                            }
                        }
                        connection.output().flush();
                        speed[round] = STREAM / 1048576.0 / ((System.nanoTime() - started) / 1e9);
                        cpu[round] = (os.getProcessCpuTime() - cpuBefore) / 1e6;
                        connection.close();
                    }
                }
                Arrays.sort(cpu);
                System.out.printf("%s 256 MiB through an in-process peer: least process CPU %.0f ms, median %.0f "
                        + "MiB/s%n", write ? "write" : "read", cpu[0], median(speed));
                peer.join(10_000);
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    /** Answers each connection's request with a 101, then sends (or swallows) the stream. */
    private static void servePeer(ServerSocketChannel server, boolean swallow) {
        for (int round = 0; round < ROUNDS; round++) {
            try (SocketChannel connection = server.accept()) {
                ByteBuffer head = ByteBuffer.allocate(64 * 1024);
                while (!new String(head.array(), 0, head.position(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    connection.read(head);
                }
                connection.write(ByteBuffer.wrap(("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                        + "Upgrade: sftp\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
                for (long done = 0; done < STREAM; ) {
                    buffer.clear();
                    int moved = swallow ? connection.read(buffer) : connection.write(buffer);
                    if (moved < 0) {
                        break;
                    }
                    done += moved;
                }
                // until the client closes
                connection.read(ByteBuffer.allocate(1));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
