package io.github.incus4j.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny websocket server on a Unix socket that answers like incusd does: it records each
 * request head, answers with a status (101 with a valid accept key, or an error), writes a fixed
 * sequence of frames and then closes the connection abruptly, without a close frame.
 */
public final class FakeWebSocketDaemon implements AutoCloseable {

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key: *(\\S+)\\s*$");

    private final Path directory;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Thread thread;
    private final String status;
    private final List<byte[]> frames;
    private volatile boolean holdOpen;
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final CountDownLatch clientClosed = new CountDownLatch(1);

    private FakeWebSocketDaemon(String status, List<byte[]> frames) throws IOException {
        this.status = status;
        this.frames = List.copyOf(frames);
        this.directory = Files.createTempDirectory("incus4j-ws");
        this.socket = directory.resolve("unix.socket");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        this.thread = new Thread(this::serve, "fake-websocket-daemon");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts a server.
     *
     * @param status the answer's status line after {@code HTTP/1.1}, such as {@code 101 Switching Protocols}
     * @param frames the frames written after a 101, in order (see {@link #frame})
     * @return the running server
     * @throws IOException if the socket cannot be bound
     */
    public static FakeWebSocketDaemon start(String status, byte[]... frames) throws IOException {
        return new FakeWebSocketDaemon(status, List.of(frames));
    }

    /**
     * Encodes an unmasked server frame.
     *
     * @param opcode 1 text, 2 binary, 0 continuation, 8 close, 9 ping
     * @param fin whether it is the last frame of its message
     * @param payload the payload, shorter than 64 KiB
     * @return the frame's bytes
     */
    public static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /**
     * Encodes a final text frame.
     *
     * @param text the text
     * @return the frame's bytes
     */
    public static byte[] text(String text) {
        return frame(1, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Keeps each connection open after its frames until the client closes it, instead of closing
     * it at once.
     *
     * @return this server
     */
    public FakeWebSocketDaemon holdingConnectionsOpen() {
        this.holdOpen = true;
        return this;
    }

    /**
     * Waits until a client closed a connection held open by {@link #holdingConnectionsOpen()}.
     *
     * @param timeout how long to wait at most
     * @return whether a client closed its connection in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitClientClosed(Duration timeout) throws InterruptedException {
        return clientClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the socket to connect to.
     *
     * @return the socket path
     */
    public Path socket() {
        return socket;
    }

    /**
     * Returns the request heads received, in order.
     *
     * @return the heads, each ending with an empty line
     */
    public List<String> requestHeads() {
        return requestHeads;
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel connection = server.accept()) {
                String head = readHead(connection);
                requestHeads.add(head);
                if (!status.startsWith("101")) {
                    write(connection, ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                Matcher key = KEY.matcher(head);
                write(connection, ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key.find() ? key.group(1) : "") + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (byte[] frame : frames) {
                    write(connection, frame);
                }
                ByteBuffer sink = ByteBuffer.allocate(4096);
                if (holdOpen) {
                    try {
                        while (connection.read(sink.clear()) >= 0) {
                            // keeps the connection until the client closes it
                        }
                    } catch (IOException reset) {
                        // a client closing with unread data resets the connection: closed all the same
                    }
                    clientClosed.countDown();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        thread.join(5000);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }

    private static String readHead(SocketChannel connection) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(1);
        while (connection.read(buffer) > 0) {
            head.write(buffer.get(0));
            buffer.clear();
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static void write(SocketChannel connection, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            connection.write(buffer);
        }
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
