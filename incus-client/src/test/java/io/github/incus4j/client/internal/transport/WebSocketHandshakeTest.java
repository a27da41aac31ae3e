package io.github.incus4j.client.internal.transport;

import static io.github.incus4j.client.FakeWebSocketDaemon.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.FakeWebSocketDaemon;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.WebSocketConnector;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Websocket handshakes over a real Unix socket, on the native (epoll) and the NIO transport: the
 * request line must be HTTP/1.1 with a relative target on both (incusd answers anything else with
 * 505), and the frames incusd writes right after the 101 must arrive.
 */
class WebSocketHandshakeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theUpgradeRequestIsHttp11WithARelativeTargetAndTheFramesArrive(boolean nativeTransport) throws Exception {
        try (FakeWebSocketDaemon daemon = FakeWebSocketDaemon.start("101 Switching Protocols",
                frame(2, true, "hello".getBytes(StandardCharsets.UTF_8)), frame(1, true, new byte[0]))) {
            LoopResources loops = LoopResources.create("ws-test", 1, true);
            try {
                IncusRequest upgrade = IncusRequest.get("/1.0/operations/{id}/websocket").path("id", "id", "op-1")
                        .query("secret", "a b&c").build();

                List<String> frames = http(daemon.socket(), loops, nativeTransport).websocket(upgrade, false,
                        (in, out) -> in.receiveFrames()
                                .takeUntil(TextWebSocketFrame.class::isInstance)
                                .map(frame -> (frame instanceof BinaryWebSocketFrame ? "binary:" : "text:")
                                        + frame.content().toString(StandardCharsets.UTF_8)))
                        .collectList().block(WAIT);

                assertThat(frames).containsExactly("binary:hello", "text:");
                assertThat(daemon.requestHeads()).singleElement().asString()
                        .startsWith("GET /1.0/operations/op-1/websocket?secret=a%20b%26c&project=p1 HTTP/1.1\r\n")
                        .containsIgnoringCase("upgrade: websocket")
                        .containsIgnoringCase("user-agent: ws-test/1");
            } finally {
                loops.dispose();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRefusedUpgradeIsReportedWithTheStatus(boolean nativeTransport) throws Exception {
        try (FakeWebSocketDaemon daemon = FakeWebSocketDaemon.start("403 Forbidden")) {
            LoopResources loops = LoopResources.create("ws-test", 1, true);
            try {
                IncusRequest upgrade = IncusRequest.get("/1.0/operations/{id}/websocket").path("id", "id", "op-1")
                        .build();
                IncusHttp http = http(daemon.socket(), loops, nativeTransport);

                assertThatThrownBy(() -> http.websocket(upgrade, (in, out) -> in.receiveFrames()).blockLast(WAIT))
                        .isInstanceOfSatisfying(IncusForbiddenException.class, e -> {
                            assertThat(e.status()).isEqualTo(403);
                            assertThat(e.path()).isEqualTo("/1.0/operations/op-1/websocket");
                            assertThat(e.getMessage()).contains("websocket handshake refused");
                        });
            } finally {
                loops.dispose();
            }
        }
    }

    private static IncusHttp http(Path socket, LoopResources loops, boolean nativeTransport) {
        HttpClient base = HttpClient.create(ConnectionProvider.newConnection()).runOn(loops, nativeTransport);
        HttpClient client = ReactorConnectors.unixSocket(base, socket, nativeTransport, Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        DefaultUriBuilderFactory uris = new DefaultUriBuilderFactory();
        uris.setEncodingMode(DefaultUriBuilderFactory.EncodingMode.TEMPLATE_AND_VALUES);
        UnixSocketEndpoint endpoint = new UnixSocketEndpoint(socket, List.of(socket), false, null);
        WebSocketConnector webSockets = new WebSocketConnector(client, uris, endpoint, null, "ws-test/1",
                Duration.ofSeconds(5));
        return new IncusHttp(WebClient.create(), endpoint, Duration.ofSeconds(5), 1024, "p1", null, webSockets);
    }
}
