package io.github.incus4j.test.wiremock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the stand-in on a Unix socket. WireMock's Jetty listens on TCP only, so every connection
 * accepted on the socket is joined, byte for byte, to a new connection to WireMock's plain HTTP port
 * on the loopback address. WireMock then sees ordinary HTTP requests, and the client sees a
 * daemon on a Unix socket, as a local Incus is reached.
 *
 * <p>Reads and writes go straight to the channels, one thread per direction: the JDK's
 * {@code Channels.newInputStream} and {@code newOutputStream} on one channel would block each other.
 */
final class UnixSocketForwarder implements AutoCloseable {

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final InetSocketAddress target;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "incus-stand-in-socket");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();

    private UnixSocketForwarder(Path directory, ServerSocketChannel server, InetSocketAddress target) {
        this.directory = directory;
        this.socket = directory.resolve("unix.socket");
        this.server = server;
        this.target = target;
    }

    /**
     * Listens on {@code unix.socket} in a new temporary directory (short, as a socket path may have
     * at most 108 bytes) and forwards to {@code 127.0.0.1:port}.
     */
    static UnixSocketForwarder start(int port) {
        try {
            Path directory = Files.createTempDirectory("incus-stand-in-");
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(directory.resolve("unix.socket")));
            UnixSocketForwarder forwarder = new UnixSocketForwarder(directory, server,
                    new InetSocketAddress("127.0.0.1", port));
            forwarder.threads.execute(forwarder::accept);
            return forwarder;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on a Unix socket for the Incus stand-in", e);
        }
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel local = server.accept();
                SocketChannel remote = SocketChannel.open(target);
                open.add(local);
                open.add(remote);
                AtomicInteger ended = new AtomicInteger();
                Runnable whenBothEnded = () -> {
                    if (ended.incrementAndGet() == 2) {
                        closeQuietly(local);
                        closeQuietly(remote);
                        open.remove(local);
                        open.remove(remote);
                    }
                };
                threads.execute(() -> pump(local, remote, whenBothEnded));
                threads.execute(() -> pump(remote, local, whenBothEnded));
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                System.err.println("[incus-stand-in] Unix socket connection failed: " + e);
            }
        }
    }

    /** Copies one direction until its end, then half-closes the other side so the peer sees the end too. */
    private static void pump(SocketChannel from, SocketChannel to, Runnable ended) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // The other direction, or close(), ended the connection.
            closeQuietly(from);
            closeQuietly(to);
        } finally {
            ended.run();
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(UnixSocketForwarder::closeQuietly);
        threads.shutdownNow();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            System.err.println("[incus-stand-in] cannot delete " + directory + ": " + e);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing is all that is left to do.
        }
    }
}
