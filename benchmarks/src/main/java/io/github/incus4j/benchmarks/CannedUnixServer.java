package io.github.incus4j.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Unix-socket HTTP/1.1 server that answers every request with the same saved response, so that
 * B5 measures decoding a large answer and not the daemon producing it.
 */
final class CannedUnixServer implements Closeable {

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final byte[] response;

    CannedUnixServer(byte[] body) throws IOException {
        this.directory = Files.createTempDirectory("incus-b5");
        this.socket = directory.resolve("canned.socket");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        ByteArrayOutputStream whole = new ByteArrayOutputStream(body.length + 128);
        whole.writeBytes(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        whole.writeBytes(body);
        this.response = whole.toByteArray();
        Thread acceptor = new Thread(this::accept, "canned-unix-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread handler = new Thread(() -> serve(connection), "canned-unix-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers each request head (ended by an empty line) with the canned response. */
    private void serve(SocketChannel connection) {
        try (connection) {
            ByteBuffer input = ByteBuffer.allocate(16 * 1024);
            int matched = 0;
            while (connection.read(input) > 0) {
                input.flip();
                while (input.hasRemaining()) {
                    byte b = input.get();
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                    if (matched == 4) {
                        ByteBuffer output = ByteBuffer.wrap(response);
                        while (output.hasRemaining()) {
                            connection.write(output);
                        }
                        matched = 0;
                    }
                }
                input.clear();
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }
}
