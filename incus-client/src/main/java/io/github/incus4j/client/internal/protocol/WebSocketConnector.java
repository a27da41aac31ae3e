package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.internal.transport.AddressFailover;
import io.github.incus4j.client.internal.transport.ConnectionFailures;
import io.github.incus4j.client.internal.transport.Endpoint;
import io.github.incus4j.client.internal.transport.NeverConnected;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.web.util.UriBuilderFactory;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Opens websockets to the daemon: the exec and console streams of operations
 * ({@code /1.0/operations/{id}/websocket}) and the event stream ({@code /1.0/events}).
 *
 * <p>The websockets go through a Reactor Netty {@link HttpClient} built by the same factory as the
 * client's HTTP requests, so the Unix socket address, the TLS settings (client certificate,
 * pinning) and the connect timeout are the same. It has no connection pool of its own to share:
 * an upgraded connection never goes back to a pool, and long-lived streams must not take the
 * slots that ordinary requests (such as the {@code /wait} of the very operation being streamed)
 * need. Request URIs are relative on the Unix socket (Reactor Netty dials the socket only for
 * those) and absolute {@code wss://} URIs over HTTPS, on the address the client's requests use
 * ({@link AddressFailover}).
 *
 * <p>Frames of up to {@value #MAX_FRAME_PAYLOAD} bytes are accepted; incusd itself writes frames
 * of a few KiB, but a proxy in between may join them.
 *
 * <p>Pings are answered with pongs unless the caller asks otherwise. The daemon's event stream
 * needs the pongs (it drops a listener that misses three). Its exec and console streams do not
 * read them, and must not get them: incusd pings each of those sockets as soon as it is
 * connected and closes them right after the command ends, and a pong still unread at that moment
 * made the socket reset and the command's last output vanish (about one command in a thousand
 * against incusd 6.0.4; none in 6,000 runs without pongs).
 */
public final class WebSocketConnector {

    /** The largest frame payload accepted, in bytes. */
    public static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

    private static final WebsocketClientSpec ANSWER_PINGS = WebsocketClientSpec.builder()
            .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
            .build();

    private static final WebsocketClientSpec PASS_PINGS = WebsocketClientSpec.builder()
            .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
            .handlePing(true)
            .build();

    private final HttpClient client;
    // stayClosed: a websocket that connects after closeAll() (a slow connect, a failover to the next
    // address) is closed as it joins, not left open.
    private final ChannelGroup open = new DefaultChannelGroup("incus-websockets", GlobalEventExecutor.INSTANCE, true);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final UriBuilderFactory uris;
    private final Endpoint endpoint;
    private final @Nullable AddressFailover addresses;
    private final Duration connectTimeout;

    /**
     * Creates the connector.
     *
     * @param client the HTTP client for the endpoint, without a shared pool
     * @param uris expands URI templates: no base URL for the Unix socket, {@code wss://host:port} over HTTPS
     * @param endpoint where the websockets go, for messages
     * @param addresses over HTTPS, the addresses to try in turn (shared with the client's requests);
     *     {@code null} for the Unix socket
     * @param userAgent the {@code User-Agent} header sent with every handshake
     * @param connectTimeout the connect timeout in force, for messages
     */
    public WebSocketConnector(HttpClient client, UriBuilderFactory uris, Endpoint endpoint,
            @Nullable AddressFailover addresses, String userAgent, Duration connectTimeout) {
        this.client = client.headers(headers -> headers.set(HttpHeaderNames.USER_AGENT, userAgent))
                .doOnConnected(connection -> open.add(connection.channel()));
        this.uris = uris;
        this.endpoint = endpoint;
        this.addresses = addresses;
        this.connectTimeout = connectTimeout;
    }

    /**
     * Opens a websocket and runs a handler on it. The connection is opened when the result is
     * subscribed to and closed when the handler's publisher ends or the subscription is cancelled.
     *
     * @param uriTemplate the path and query template
     * @param variables the template's values, percent-encoded when expanded
     * @param description method and path, for messages
     * @param answerPings whether pings are answered with pongs (else they reach the handler as frames)
     * @param authorization the {@code Authorization} header of the handshake (from
     *     {@link RequestAuthorization}), or {@code null} for none
     * @param handler reads and writes the websocket
     * @param <T> what the handler emits
     * @return what the handler emits; failures are exceptions of the client's hierarchy
     */
    <T> Flux<T> open(String uriTemplate, Map<String, ?> variables, String description, boolean answerPings,
            @Nullable String authorization,
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        WebsocketClientSpec spec = answerPings ? ANSWER_PINGS : PASS_PINGS;
        HttpClient client = authorization == null ? this.client
                : this.client.headers(headers -> headers.set(HttpHeaderNames.AUTHORIZATION, authorization));
        // A handshake never sent (see NeverConnected) is sent again on a new connection.
        return NeverConnected.retried(Flux.defer(() -> {
            URI uri = uris.expand(uriTemplate, variables);
            if (addresses == null) {
                return client.websocket(spec).uri(uri.toString()).handle(handler);
            }
            return addresses.inTurn(description, (address, connected) -> {
                if (closed.get()) {
                    return Flux.error(new IllegalStateException("closed"));
                }
                // The handler runs once the handshake succeeded: from then on nothing is retried elsewhere.
                return client.websocket(spec).uri(AddressFailover.rebase(uri, address).toString())
                        .handle((in, out) -> {
                            connected.run();
                            return handler.apply(in, out);
                        });
            });
        })).onErrorMap(failure -> translate(failure, description));
    }

    /**
     * Closes every websocket this connector opened that is still open; their streams end (exec
     * streams with an error, and the daemon kills their commands).
     */
    public void closeAll() {
        closed.set(true);
        open.close();
    }

    private Throwable translate(Throwable failure, String description) {
        if (closed.get()) {
            return new IncusConnectionException(IncusConnectionException.Reason.CONNECTION_CLOSED, endpoint.describe(),
                    description + ": the client was closed (IncusClient.close()), which closes its websockets",
                    failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebSocketClientHandshakeException handshake) {
                int status = handshake.response() != null ? handshake.response().status().code() : 0;
                if (status >= 400) {
                    int space = description.indexOf(' ');
                    // 401: the bearer token was refused (IncusHttp asks the daemon why); otherwise the
                    // operation's secret or the operation itself is usually what is no longer valid.
                    return IncusApiException.of(status, 0, "websocket handshake refused: "
                            + handshake.response().status() + (status == 401 ? "" : " (the secret or operation may "
                            + "no longer be valid)"), description.substring(0, space), description.substring(space + 1));
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return ConnectionFailures.translate(failure, endpoint, description, connectTimeout);
    }
}
