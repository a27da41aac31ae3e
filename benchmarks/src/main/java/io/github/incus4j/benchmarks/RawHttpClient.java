package io.github.incus4j.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The baseline: the least an HTTP/1.1 client can do. One keep-alive connection, a hand-written
 * request line, the response read to its last byte (Content-Length or chunked) and not decoded.
 * It is what a caller would get by writing bytes to the socket by hand.
 *
 * <p>Connections are opened on the first request, never ahead: measured on Incus 6.0.4, the
 * daemon stops accepting further Unix socket connections while a freshly accepted one has not yet
 * sent anything, so an idle connection opened early would stall every other client.
 */
final class RawHttpClient implements Closeable {

    /** Opens the connection: a JDK socket channel, or a TLS socket. */
    private interface Connector {
        RawHttpClient.Connection open() throws IOException;
    }

    private record Connection(Closeable resource, InputStream in, OutputStream out) {
    }

    private final Connector connector;
    private Closeable connection;
    private InputStream in;
    private OutputStream out;
    private final byte[] skip = new byte[64 * 1024];

    private RawHttpClient(Connector connector) {
        this.connector = connector;
    }

    /** A client of a Unix socket through a JDK {@link SocketChannel}. */
    static RawHttpClient unixSocket(Path socket) {
        return new RawHttpClient(() -> {
            SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return new Connection(channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
        });
    }

    /** A client over TLS with the given context (client certificate and trusted server). */
    static RawHttpClient tls(URI url, SSLContext context) {
        return new RawHttpClient(() -> {
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            return new Connection(socket, socket.getInputStream(), socket.getOutputStream());
        });
    }

    private void connectIfNeeded() throws IOException {
        if (connection == null) {
            Connection opened = connector.open();
            connection = opened.resource();
            in = new BufferedInputStream(opened.in(), 64 * 1024);
            out = new BufferedOutputStream(opened.out(), 4096);
        }
    }

    /**
     * Sends {@code GET path} and reads the whole response.
     *
     * @return the number of body bytes read
     */
    long get(String path) throws IOException {
        connectIfNeeded();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: incus\r\nUser-Agent: raw-baseline\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return readResponse(null);
    }

    /**
     * Sends a request with an optional JSON body and returns the response body as text.
     *
     * @param method the method
     * @param path the path and query
     * @param json the JSON body, or {@code null}
     * @return the response body
     */
    String exchange(String method, String path, String json) throws IOException {
        connectIfNeeded();
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        out.write((method + " " + path + " HTTP/1.1\r\nHost: incus\r\nUser-Agent: raw-baseline\r\n"
                + (json == null ? "" : "Content-Type: application/json\r\n") + "Content-Length: " + body.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        readResponse(text);
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * Uploads a local file as the body of a request (with {@code Content-Length}), the way the
     * daemon's files API takes it, and reads the answer.
     *
     * @param path the path and query
     * @param headers extra request headers
     * @param file the file to send
     * @return the answer's body
     */
    String upload(String path, Map<String, String> headers, Path file) throws IOException {
        connectIfNeeded();
        long length = Files.size(file);
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: incus\r\nUser-Agent: raw-baseline\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        try (InputStream source = Files.newInputStream(file)) {
            int read;
            while ((read = source.read(skip)) > 0) {
                out.write(skip, 0, read);
            }
        }
        out.flush();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        readResponse(text);
        return text.toString(StandardCharsets.UTF_8);
    }

    /**
     * Downloads a response body into a local file.
     *
     * @param path the path and query
     * @param target the file to write
     * @return the number of bytes written
     */
    long download(String path, Path target) throws IOException {
        connectIfNeeded();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: incus\r\nUser-Agent: raw-baseline\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try (OutputStream file = Files.newOutputStream(target)) {
            return readResponse(file);
        }
    }

    /**
     * Opens a websocket on a fresh connection of its own: sends the upgrade request and reads the
     * {@code 101} answer. The connection then belongs to the returned socket.
     *
     * @param path the path and query
     * @return the open websocket
     */
    RawWebSocket websocket(String path) throws IOException {
        Connection opened = connector.open();
        InputStream input = new BufferedInputStream(opened.in(), 64 * 1024);
        OutputStream output = new BufferedOutputStream(opened.out(), 4096);
        output.write(("GET " + path + " HTTP/1.1\r\nHost: incus\r\nUser-Agent: raw-baseline\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        output.flush();
        String status = line(input);
        if (!status.startsWith("HTTP/1.1 101")) {
            opened.resource().close();
            throw new IOException("websocket refused: " + status);
        }
        for (String header = line(input); !header.isEmpty(); header = line(input)) {
            // headers of the switch: nothing to check
        }
        return new RawWebSocket(opened.resource(), input, output);
    }

    /**
     * The least a websocket client does: masked frames out, frames in read one by one, no
     * extensions, no fragmentation reassembly (a caller reads continuation frames as they come).
     */
    static final class RawWebSocket implements Closeable {

        /** Text frame. */
        static final int TEXT = 1;
        /** Binary frame. */
        static final int BINARY = 2;
        /** Close frame. */
        static final int CLOSE = 8;

        private final Closeable resource;
        private final InputStream in;
        private final OutputStream out;

        RawWebSocket(Closeable resource, InputStream in, OutputStream out) {
            this.resource = resource;
            this.in = in;
            this.out = out;
        }

        /** Sends one frame with the given opcode and payload (masked, as a client must; the mask is zero). */
        void send(int opcode, byte[] payload) throws IOException {
            out.write(0x80 | opcode);
            if (payload.length < 126) {
                out.write(0x80 | payload.length);
            } else {
                out.write(0x80 | 126);
                out.write(payload.length >>> 8);
                out.write(payload.length & 0xff);
            }
            out.write(new byte[4]);
            out.write(payload);
            out.flush();
        }

        /**
         * Reads frames until a text or close frame (the end of an Incus data stream), counting
         * the payload bytes of the data frames before it. Pings are not answered.
         *
         * @return the data bytes read
         */
        long readToEnd() throws IOException {
            long data = 0;
            while (true) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || second < 0) {
                    return data;
                }
                int opcode = first & 0x0f;
                long length = second & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                if ((second & 0x80) != 0) {
                    in.readNBytes(4);
                }
                in.skipNBytes(length);
                if (opcode == TEXT || opcode == CLOSE) {
                    return data;
                }
                if (opcode == BINARY || opcode == 0) {
                    data += length;
                }
            }
        }

        @Override
        public void close() throws IOException {
            resource.close();
        }
    }

    private long readResponse(OutputStream keep) throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 2")) {
            throw new IOException("unexpected status line: " + status);
        }
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            return skipExactly(length, keep);
        }
        long total = 0;
        for (long chunk = Long.parseLong(line(), 16); chunk > 0; chunk = Long.parseLong(line(), 16)) {
            total += skipExactly(chunk, keep);
            line();
        }
        line();
        return total;
    }

    private long skipExactly(long length, OutputStream keep) throws IOException {
        long remaining = length;
        while (remaining > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, remaining));
            if (read < 0) {
                throw new IOException("connection closed in the body");
            }
            if (keep != null) {
                keep.write(skip, 0, read);
            }
            remaining -= read;
        }
        return length;
    }

    private String line() throws IOException {
        return line(in);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * The first group of a pattern in an answer, for the few fields the harness reads by hand.
     *
     * @throws IOException naming the pattern and quoting the answer when it is not there
     */
    static String found(Pattern pattern, String answer) throws IOException {
        Matcher matcher = pattern.matcher(answer);
        if (!matcher.find()) {
            throw new IOException("no " + pattern + " in " + answer);
        }
        return matcher.group(1);
    }
}
