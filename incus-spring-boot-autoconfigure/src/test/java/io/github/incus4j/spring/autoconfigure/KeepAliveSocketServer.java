package io.github.incus4j.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix-socket server standing in for a local daemon: it answers every request with the body of a
 * trusted {@code GET /1.0}, keeps connections open between requests (HTTP/1.1 keep-alive), and
 * counts the connections it accepted, so a test can tell a reused connection from a new one.
 */
final class KeepAliveSocketServer implements AutoCloseable {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();

    KeepAliveSocketServer(Path path) throws IOException {
        this.path = path;
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        acceptor = new Thread(this::accept, "keep-alive-socket-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path path() {
        return path;
    }

    /** The number of connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                connections.incrementAndGet();
                open.add(connection);
                Thread serving = new Thread(() -> serve(connection), "keep-alive-connection-" + connections.get());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers requests on one connection until the client closes it. */
    private void serve(SocketChannel connection) {
        byte[] body = IncusStub.server(true).getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (connection; InputStream in = Channels.newInputStream(connection);
                OutputStream out = Channels.newOutputStream(connection)) {
            while (readRequestHead(in)) {
                out.write(head);
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // The client went away.
        } finally {
            open.remove(connection);
        }
    }

    /** Reads up to the blank line after the headers (the client's requests here have no body). */
    private static boolean readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        for (int read = 0; read < MAX_HEADER_BYTES; read++) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return true;
            }
        }
        throw new IOException("request head longer than " + MAX_HEADER_BYTES + " bytes");
    }

    @Override
    public void close() throws Exception {
        server.close();
        for (SocketChannel connection : open) {
            connection.close();
        }
        acceptor.join(5_000);
        Files.deleteIfExists(path);
    }
}
