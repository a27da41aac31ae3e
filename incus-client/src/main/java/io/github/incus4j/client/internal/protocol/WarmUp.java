package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.internal.transport.ReactorConnectors;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JavaType;

/**
 * Does, ahead of the first request and without sending the daemon anything, the one-time work that
 * request would pay: the client's own transport (pool, Reactor Netty clients, WebClient on the
 * application's builder), Reactor Netty's event loops and native transport, and the classes and
 * first runs of the whole request path, from WebClient through Netty's HTTP codec on a Unix socket
 * to the envelope and the model's decoders.
 *
 * <p>The request path is exercised against a throw-away server in this process: a Unix socket in
 * a new temporary directory that answers one {@code GET /1.0} with a canned envelope, reached
 * through a Reactor Netty client configured as the client's own Unix socket client (its own pool
 * of one connection, closed afterwards) and a plain WebClient, so that the application's
 * observations and filters never see it. The daemon's address is never dialled.
 */
public final class WarmUp {

    private static final byte[] SERVER_ENVELOPE = ("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
            + "\"operation\":\"\",\"error_code\":0,\"error\":\"\",\"metadata\":{\"config\":{},\"api_extensions\":"
            + "[\"storage_zfs_remove_snapshots\",\"container_host_shutdown_timeout\"],\"api_status\":\"stable\","
            + "\"api_version\":\"1.0\",\"auth\":\"trusted\",\"public\":false,\"auth_methods\":[\"tls\"],"
            + "\"environment\":{\"addresses\":[],\"architectures\":[\"x86_64\"],\"certificate\":\"\","
            + "\"kernel_features\":{\"netnsid_getifaddrs\":\"true\"},\"server_clustered\":false,"
            + "\"server_name\":\"warm-up\",\"server_pid\":1,\"server_version\":\"6.0.4\"}}}")
            .getBytes(StandardCharsets.UTF_8);

    /** The model types nearly every application reads first. */
    private static final List<Class<?>> FIRST_TYPES = List.of(Server.class, Operation.class, Instance.class);

    private WarmUp() {
    }

    /**
     * Runs the warm-up; see the class comment. Blocks until done.
     *
     * @param http the client's executor, whose transport is built
     * @param timeout how long the throw-away exchange may take
     * @throws RuntimeException if a step fails; nothing is left open
     */
    public static void run(IncusHttp http, Duration timeout) {
        if (http.transport() instanceof LazyTransport lazy) {
            lazy.prepare(timeout);
        }
        for (Class<?> type : FIRST_TYPES) {
            IncusJson.mapper().readerFor(type).readValue("{}");
        }
        try {
            exchange(timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("the warm-up exchange in this process failed", e);
        }
    }

    /** One whole {@code GET /1.0} against a socket of this process, decoded as the client decodes it. */
    private static void exchange(Duration timeout) throws IOException {
        Path directory = Files.createTempDirectory("incus4j-warm-up");
        Path socket = directory.resolve("s");
        ConnectionProvider pool = ConnectionProvider.create("incus-warm-up", 1);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread answering = new Thread(() -> answerOnce(server), "incus-warm-up-server");
            answering.setDaemon(true);
            answering.start();
            HttpClient client = ReactorConnectors.unixSocket(socket, pool, timeout, timeout);
            WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
            IncusRequest request = IncusRequest.get("/1.0").build();
            JavaType serverType = IncusJson.mapper().constructType(Server.class);
            webClient.get().uri(RequestUris.expand(null, "/1.0", Map.of())).exchangeToMono(response ->
                    response.bodyToMono(byte[].class).map(body -> ResponseParser.parse(request,
                            response.statusCode().value(), "OK", body,
                            response.headers().asHttpHeaders().getFirst(HttpHeaders.ETAG), null, serverType)
                            .metadataAs(serverType)))
                    .block(timeout);
        } finally {
            pool.dispose();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
    }

    private static void answerOnce(ServerSocketChannel server) {
        try (SocketChannel connection = server.accept()) {
            ByteBuffer head = ByteBuffer.allocate(8192);
            while (connection.read(head) > 0 && !endsHead(head)) {
                // read up to the end of the request head
            }
            ByteBuffer[] answer = {ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + SERVER_ENVELOPE.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)),
                ByteBuffer.wrap(SERVER_ENVELOPE)};
            while (answer[1].hasRemaining()) {
                connection.write(answer);
            }
            // Wait for the client to go away, so that it reads the whole answer first.
            connection.read(ByteBuffer.allocate(1));
        } catch (IOException closed) {
            // the warm-up ended (or the socket was closed): nothing to answer
        }
    }

    private static boolean endsHead(ByteBuffer head) {
        int end = head.position();
        return end >= 4 && head.get(end - 4) == '\r' && head.get(end - 3) == '\n' && head.get(end - 2) == '\r'
                && head.get(end - 1) == '\n';
    }
}
