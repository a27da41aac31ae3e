package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.model.Server;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Requests over a real Unix socket, served by a tiny HTTP/1.1 server in the test that records the
 * request head, so the bytes on the wire can be checked.
 */
class UnixSocketTransportTest {

    private static final String ENVELOPE = "{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
            + "\"metadata\":{\"api_version\":\"1.0\",\"auth\":\"trusted\"}}";

    /** A connection returns to the pool just after its answer was delivered; wait that long. */
    private static final long RELEASE = 200;

    private Path directory;
    private Path socket;
    private ServerSocketChannel server;
    private Thread serverThread;
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        directory = Files.createTempDirectory("incus4j-uds");
        socket = directory.resolve("unix.socket");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        serverThread = new Thread(this::serve, "uds-test-server");
        serverThread.setDaemon(true);
        serverThread.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        serverThread.join(5000);
        Files.deleteIfExists(socket);
        Files.deleteIfExists(directory);
    }

    /** Accepts connections, each served on its own thread. */
    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                connections.incrementAndGet();
                Thread handler = new Thread(() -> answer(connection), "uds-test-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers every request on a connection with the same envelope, keeping the connection open. */
    private void answer(SocketChannel connection) {
        try (connection) {
            ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
            byte[] body = ENVELOPE.getBytes(StandardCharsets.UTF_8);
            for (int request = 0; request < 100 && connection.read(buffer) > 0; request++) {
                buffer.flip();
                requestHeads.add(StandardCharsets.US_ASCII.decode(buffer).toString());
                buffer.clear();
                String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                        + body.length + "\r\n\r\n";
                connection.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
                connection.write(ByteBuffer.wrap(body));
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    @Test
    void theClientSendsHttp11WithARelativeRequestLineAndItsUserAgent() {
        try (IncusClient client = IncusClient.builder().unixSocket(socket).userAgent("uds-test/1")
                .responseTimeout(Duration.ofSeconds(5)).build()) {
            Server first = client.server().get().block();
            Server second = client.project("p1").server().get().block();

            assertThat(first.isTrusted()).isTrue();
            assertThat(second.apiVersion()).isEqualTo("1.0");
        }
        assertThat(requestHeads).hasSize(2);
        assertThat(requestHeads.get(0)).startsWith("GET /1.0 HTTP/1.1\r\n").contains("User-Agent: uds-test/1");
        assertThat(requestHeads.get(1)).startsWith("GET /1.0?project=p1 HTTP/1.1\r\n");
    }

    @Test
    void theNioTransportAlsoSendsHttp11() {
        // Reactor Netty's NIO path writes "HTTP/3.0" on its own; the client must correct it, because
        // that is the path taken where the native epoll library does not load.
        LoopResources nioLoops = LoopResources.create("uds-nio-test", 1, true);
        ConnectionProvider pool = ConnectionProvider.create("uds-nio-test", 1);
        try {
            HttpClient client = ReactorConnectors.unixSocket(HttpClient.create(pool).runOn(nioLoops, false), socket,
                    false, Duration.ofSeconds(5), Duration.ofSeconds(5));

            String body = client.get().uri("/1.0").responseContent().aggregate().asString().block(Duration.ofSeconds(10));

            assertThat(body).contains("\"auth\":\"trusted\"");
            assertThat(requestHeads).singleElement().asString().startsWith("GET /1.0 HTTP/1.1\r\n");
        } finally {
            pool.dispose();
            nioLoops.dispose();
        }
    }

    @Test
    void aClosedClientAndItsScopedCopiesRefuseEveryCallWithoutConnecting() {
        IncusClient client = IncusClient.builder().unixSocket(socket).responseTimeout(Duration.ofSeconds(5)).build();
        IncusClient scoped = client.project("p1");
        assertThat(client.server().get().block().isTrusted()).isTrue();
        Mono<Server> builtBeforeClose = scoped.server().get();

        scoped.close();

        assertThat(client.isClosed()).isTrue();
        assertThat(scoped.isClosed()).isTrue();
        assertThat(client.target("m1").isClosed()).isTrue();
        for (Runnable call : List.<Runnable>of(
                () -> client.server().get().block(),
                () -> scoped.instances().list().block(),
                () -> client.target("m1").operations().list().block(),
                builtBeforeClose::block,
                () -> client.instances().files("c1").read("/etc/hostname").block(),
                () -> client.instances().files("c1").readStream("/etc/hostname").blockLast(),
                () -> client.events().stream(EventFilter.all()).blockFirst(Duration.ofSeconds(5)))) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the Incus client for unix://" + socket + " was closed")
                    .hasMessageContaining("IncusClient.builder()");
        }
        assertThatThrownBy(() -> client.server().get().block())
                .hasMessageContaining("GET /1.0 was not sent");
        client.close();   // again: nothing happens

        assertThat(requestHeads).hasSize(1);
        assertThat(connections).hasValue(1);
    }

    @Test
    void pooledConnectionsAreReplacedOnceOlderThanTheirLifetime() throws InterruptedException {
        try (IncusClient client = IncusClient.builder().unixSocket(socket).responseTimeout(Duration.ofSeconds(5))
                .maxConnectionLifetime(Duration.ofSeconds(2)).build()) {
            client.server().get().block();
            Thread.sleep(RELEASE);
            client.server().get().block();
            assertThat(connections).as("a young connection is reused").hasValue(1);

            Thread.sleep(2_500);
            client.server().get().block();
            Thread.sleep(RELEASE);
            client.server().get().block();

            assertThat(connections).as("the old connection was closed, a new one made and reused").hasValue(2);
        }
        assertThat(requestHeads).hasSize(4);
    }

    @Test
    void withoutALifetimePooledConnectionsAreKept() throws InterruptedException {
        try (IncusClient client = IncusClient.builder().unixSocket(socket).responseTimeout(Duration.ofSeconds(5))
                .build()) {
            client.server().get().block();
            Thread.sleep(1200);
            client.server().get().block();
        }
        assertThat(connections).hasValue(1);
    }

    @Test
    void aMissingSocketIsReportedWithThePathsTried() {
        Path missing = directory.resolve("nothing-here.socket");
        try (IncusClient client = IncusClient.builder().unixSocket(missing).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.SOCKET_NOT_FOUND);
                        assertThat(e.getMessage()).contains("tried " + missing, "INCUS_SOCKET");
                    });
        }
    }

    @Test
    void aSocketNobodyListensOnIsConnectionRefused() throws IOException {
        Path stale = directory.resolve("stale.socket");
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(stale));
        }
        try (IncusClient client = IncusClient.builder().unixSocket(stale).build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_REFUSED);
                        assertThat(e.getMessage()).contains("does not appear to be running");
                    });
        } finally {
            Files.deleteIfExists(stale);
        }
    }
}
