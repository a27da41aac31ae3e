package io.github.incus4j.client.internal.transport;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

/**
 * Opens the daemon's raw HTTP upgrades: {@code Upgrade: sftp}, {@code nbd} and {@code tcp}
 * (port forwarding), after whose {@code 101} answer the connection carries another protocol's
 * bytes (not websocket frames). WebClient cannot hand such a connection over, so this opens its
 * own, with the same endpoint, key and trust material and timeouts as the client's requests: a
 * JDK {@code SocketChannel} on the Unix socket, a JDK {@code SSLSocket} over HTTPS from the JDK
 * context inside the client's TLS context (TLS 1.3 unless TLS 1.2 is allowed, host names checked
 * unless pinned). The calls block; the protocol layer runs them off the event loops.
 *
 * <p>The connections it opens are closed by {@link #closeAll()}, when the client is closed.
 */
public final class RawUpgrader {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    /** The largest response head read (status line and headers). */
    static final int MAX_HEAD = 64 * 1024;
    /** The largest error body read when the daemon refuses an upgrade. */
    static final int MAX_ERROR_BODY = 1024 * 1024;

    private final Endpoint endpoint;
    private final @Nullable AddressFailover addresses;
    private final @Nullable SSLContext tls;
    private final boolean pinned;
    private final boolean allowTls12;
    private final Duration connectTimeout;
    private final String userAgent;
    private final Set<UpgradedConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the upgrader for the Unix socket.
     *
     * @param socket the socket
     * @param connectTimeout the connect timeout
     * @param userAgent the {@code User-Agent} header
     * @return the upgrader
     */
    public static RawUpgrader unixSocket(UnixSocketEndpoint socket, Duration connectTimeout, String userAgent) {
        return new RawUpgrader(socket, null, null, false, false, connectTimeout, userAgent);
    }

    /**
     * Creates the upgrader for HTTPS with mutual TLS.
     *
     * @param https the endpoint's addresses, tried in turn
     * @param tls the settings the context was made from (pinning, TLS 1.2)
     * @param context the client's TLS context from {@link ReactorConnectors#sslContext}: its JDK
     *     {@code SSLContext} (same key managers, same trust) makes the sockets, so the key and trust
     *     material is set up once for both kinds of connection
     * @param connectTimeout the connect timeout, which also bounds the TLS handshake
     * @param userAgent the {@code User-Agent} header
     * @return the upgrader
     */
    public static RawUpgrader https(AddressFailover https, TlsSettings tls, SslContext context,
            Duration connectTimeout, String userAgent) {
        return new RawUpgrader(https.endpoint(), https, ((JdkSslContext) context).context(),
                tls.pinnedServerCertificate() != null, tls.allowTls12(), connectTimeout, userAgent);
    }

    private RawUpgrader(Endpoint endpoint, @Nullable AddressFailover addresses, @Nullable SSLContext tls,
            boolean pinned, boolean allowTls12, Duration connectTimeout, String userAgent) {
        this.endpoint = endpoint;
        this.addresses = addresses;
        this.tls = tls;
        this.pinned = pinned;
        this.allowTls12 = allowTls12;
        this.connectTimeout = connectTimeout;
        this.userAgent = userAgent;
    }

    /**
     * The daemon did not switch protocols: its answer, for the caller to read as an Incus error.
     */
    public static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final String reason;
        private final transient byte[] body;
        private final transient Map<String, String> headers;

        Refused(int status, String reason, byte[] body, Map<String, String> headers) {
            super("HTTP " + status + " " + reason);
            this.status = status;
            this.reason = reason;
            this.body = body;
            this.headers = headers;
        }

        /**
         * Returns a header of the answer, such as the daemon's {@code X-Incus-OIDC-issuer}.
         *
         * @param name the header name, in any case
         * @return its value, or {@code null}
         */
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }

        /** @return the reason phrase */
        public String reason() {
            return reason;
        }

        /** @return the body, at most {@value RawUpgrader#MAX_ERROR_BODY} bytes */
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * Sends an upgrade request and returns the connection once the daemon switched protocols.
     *
     * @param method {@code GET} or {@code POST}
     * @param pathAndQuery the encoded path and query, such as {@code /1.0/instances/c1/sftp?project=p}
     * @param protocol the {@code Upgrade} value
     * @param jsonBody a JSON body, or {@code null}
     * @param responseTimeout how long the daemon may take to answer the upgrade
     * @return the upgraded connection
     * @throws Refused if the daemon answered anything but {@code 101} with the same protocol
     * @throws TimeoutException if it did not answer in time
     * @throws IOException if connecting or talking failed
     * @throws IllegalStateException if {@link #closeAll()} was called
     */
    public UpgradedConnection open(String method, String pathAndQuery, String protocol, byte @Nullable [] jsonBody,
            Duration responseTimeout) throws IOException, TimeoutException {
        return open(method, pathAndQuery, protocol, jsonBody, responseTimeout, Map.of());
    }

    /**
     * Sends an upgrade request with extra headers (the client's {@code Authorization}) and returns
     * the connection once the daemon switched protocols.
     *
     * @param method {@code GET} or {@code POST}
     * @param pathAndQuery the encoded path and query
     * @param protocol the {@code Upgrade} value
     * @param jsonBody a JSON body, or {@code null}
     * @param responseTimeout how long the daemon may take to answer the upgrade
     * @param headers further request headers, name to value
     * @return the upgraded connection
     * @throws Refused if the daemon answered anything but {@code 101} with the same protocol
     * @throws TimeoutException if it did not answer in time
     * @throws IOException if connecting or talking failed
     * @throws IllegalStateException if {@link #closeAll()} was called
     */
    public UpgradedConnection open(String method, String pathAndQuery, String protocol, byte @Nullable [] jsonBody,
            Duration responseTimeout, Map<String, String> headers) throws IOException, TimeoutException {
        if (closed.get()) {
            throw new IllegalStateException("the Incus client was closed; build a new client with IncusClient.builder()");
        }
        // A blocking connect or read has no timeout of its own on a SocketChannel: closing the
        // connection ends it. The watchdog bounds everything up to the connection handed over
        // (connect, TLS handshake, request, answer head, error body); whichever of it and this
        // thread first moves the state on wins, so a connection is never handed over closed.
        AtomicInteger state = new AtomicInteger(RUNNING);
        AtomicReference<@Nullable Closeable> resource = new AtomicReference<>();
        Disposable watchdog = Schedulers.parallel().schedule(() -> {
            if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                closeQuietly(resource.get());
            }
        }, millis(connectTimeout.multipliedBy(addressCount()).plus(responseTimeout)), TimeUnit.MILLISECONDS);
        boolean handedOver = false;
        try {
            Stream stream = connect(method + " " + pathAndQuery, resource, state);
            stream.output().write(requestHead(stream.authority(), method, pathAndQuery, protocol, jsonBody, headers));
            if (jsonBody != null) {
                stream.output().write(jsonBody);
            }
            stream.output().flush();
            Head head = Head.read(stream.input());
            String upgrade = head.headers().getOrDefault("upgrade", "");
            boolean switched = head.status() == 101 && upgrade.equalsIgnoreCase(protocol);
            byte[] body = switched || head.status() == 101 ? new byte[0] : readBody(stream.input(), head);
            if (!state.compareAndSet(RUNNING, DONE)) {
                throw timeout(responseTimeout);
            }
            if (!switched) {
                throw new Refused(head.status(), head.reason(), body, head.headers());
            }
            handedOver = true;
            return track(stream, protocol);
        } catch (IOException e) {
            if (state.get() == TIMED_OUT) {
                // Without the closed channel's exception as cause: the timeout is the reason.
                throw timeout(responseTimeout);
            }
            throw e;
        } finally {
            watchdog.dispose();
            if (!handedOver) {
                closeQuietly(resource.get());
            }
        }
    }

    private TimeoutException timeout(Duration responseTimeout) {
        return new TimeoutException("no answer to the upgrade within " + responseTimeout
                + (addressCount() > 1 ? " after connecting (each of the " + addressCount() + " addresses may take "
                        + connectTimeout + " to connect)" : ""));
    }

    private static long millis(Duration duration) {
        return Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Closes every connection still open and refuses new ones. */
    public void closeAll() {
        closed.set(true);
        for (UpgradedConnection connection : open) {
            closeQuietly(connection);
        }
    }

    private UpgradedConnection track(Stream stream, String protocol) {
        UpgradedConnection[] self = new UpgradedConnection[1];
        UpgradedConnection connection = new UpgradedConnection(protocol, stream.input(), stream.output(),
                stream.resource(), () -> open.remove(self[0]));
        self[0] = connection;
        open.add(connection);
        if (closed.get()) {
            closeQuietly(connection);
            throw new IllegalStateException("the Incus client was closed; build a new client with IncusClient.builder()");
        }
        return connection;
    }

    private byte[] requestHead(String host, String method, String pathAndQuery, String protocol,
            byte @Nullable [] jsonBody, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("User-Agent: ").append(userAgent).append("\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Upgrade: ").append(protocol).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(jsonBody.length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A connection's two directions, what closes it, and the {@code Host} it reached. */
    private record Stream(InputStream input, OutputStream output, Closeable resource, String authority) {
    }

    private int addressCount() {
        return addresses != null ? addresses.endpoint().urls().size() : 1;
    }

    /**
     * Connects (over HTTPS to the first address that can be reached); each socket is registered in
     * {@code resource} before it connects, so that the watchdog can close it while it blocks.
     */
    private Stream connect(String description, AtomicReference<@Nullable Closeable> resource, AtomicInteger state)
            throws IOException {
        if (endpoint instanceof UnixSocketEndpoint socket) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            register(resource, state, channel);
            channel.connect(UnixDomainSocketAddress.of(socket.path()));
            return new Stream(new ChannelInput(channel), new ChannelOutput(channel), channel, "unix.socket");
        }
        if (addresses == null || tls == null) {
            throw new IllegalStateException("an HTTPS upgrader is made by RawUpgrader.https");
        }
        SSLContext context = tls;
        // A JDK SSLSocket does not stop when its thread is interrupted (a cancelled open): stop
        // trying further addresses then, as when the watchdog fired or the client was closed.
        return addresses.connectInTurn(description, address -> connectTls(context, address, resource, state),
                () -> state.get() == TIMED_OUT || Thread.currentThread().isInterrupted() || closed.get());
    }

    /** Connects and shakes hands with one address; sends nothing of the request. */
    private Stream connectTls(SSLContext context, URI address, AtomicReference<@Nullable Closeable> resource,
            AtomicInteger state) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            register(resource, state, socket);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(allowTls12 ? new String[] {"TLSv1.3", "TLSv1.2"} : new String[] {"TLSv1.3"});
            if (!pinned) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(parameters);
            socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), (int) millis(connectTimeout));
            socket.setSoTimeout((int) millis(connectTimeout));
            socket.startHandshake();
            socket.setSoTimeout(0);
            return new Stream(socket.getInputStream(), socket.getOutputStream(), socket, address.getRawAuthority());
        } catch (IOException | RuntimeException failure) {
            closeQuietly(socket);
            throw failure;
        }
    }

    private static void register(AtomicReference<@Nullable Closeable> resource, AtomicInteger state, Closeable socket)
            throws IOException {
        resource.set(socket);
        if (state.get() == TIMED_OUT) {
            throw new IOException("timed out before connecting");
        }
    }

    private static byte[] readBody(InputStream input, Head head) throws IOException {
        String length = head.headers().get("content-length");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            if (length != null) {
                long expected = Math.min(Long.parseLong(length.strip()), MAX_ERROR_BODY);
                byte[] buffer = new byte[8192];
                while (body.size() < expected) {
                    int read = input.read(buffer, 0, (int) Math.min(buffer.length, expected - body.size()));
                    if (read < 0) {
                        break;
                    }
                    body.write(buffer, 0, read);
                }
                return body.toByteArray();
            }
            if ("chunked".equalsIgnoreCase(head.headers().getOrDefault("transfer-encoding", ""))) {
                for (int chunks = 0; chunks < 1024; chunks++) {
                    int size = Integer.parseInt(Head.line(input).split(";", 2)[0].strip(), 16);
                    int take = Math.min(size, MAX_ERROR_BODY - body.size());
                    body.write(input.readNBytes(take));
                    if (size == 0 || take < size) {
                        break;
                    }
                    Head.line(input);
                }
                return body.toByteArray();
            }
        } catch (NumberFormatException e) {
            throw new IOException("malformed framing of the answer's body: " + e.getMessage(), e);
        }
        return input.readNBytes(MAX_ERROR_BODY);
    }

    private static void closeQuietly(@Nullable Closeable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** A response's status line and headers, names in lower case. */
    record Head(int status, String reason, Map<String, String> headers) {

        static Head read(InputStream input) throws IOException {
            String statusLine = line(input);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.1 answer: " + statusLine);
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status line: " + statusLine, e);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            int size = statusLine.length();
            for (String header = line(input); !header.isEmpty(); header = line(input)) {
                size += header.length();
                if (size > MAX_HEAD) {
                    throw new IOException("the answer's head is larger than " + MAX_HEAD + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
                }
            }
            return new Head(status, parts.length > 2 ? parts[2] : "", headers);
        }

        /** One CRLF-ended line, read byte by byte so that nothing after the head is consumed. */
        static String line(InputStream input) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int b = input.read(); b != '\n'; b = input.read()) {
                if (b < 0) {
                    throw new IOException("the connection closed in the middle of the answer's head");
                }
                if (line.size() > MAX_HEAD) {
                    throw new IOException("a line of the answer's head is longer than " + MAX_HEAD + " bytes");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Reads a Unix socket channel directly: {@code Channels.newInputStream} would lock the channel
     * for a blocked read, and a write from another thread would wait for it.
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            return channel.read(ByteBuffer.wrap(buffer, offset, length));
        }
    }

    /** Writes a Unix socket channel directly, for the same reason as {@link ChannelInput}. */
    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel channel;

        ChannelOutput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }
}
