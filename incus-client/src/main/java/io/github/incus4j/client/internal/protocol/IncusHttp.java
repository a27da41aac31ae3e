package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusAuthenticationException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusMemberUnavailableException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.transport.ConnectionFailures;
import io.github.incus4j.client.internal.transport.Endpoint;
import io.github.incus4j.client.internal.transport.HttpsEndpoint;
import io.github.incus4j.client.internal.transport.NeverConnected;
import io.github.incus4j.client.internal.transport.UpgradeConnector;
import io.github.incus4j.client.internal.transport.UpgradeRefusedException;
import io.github.incus4j.client.internal.transport.UpgradeRequest;
import io.github.incus4j.client.internal.transport.UpgradedChannel;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JavaType;

/**
 * Sends {@link IncusRequest}s through a {@link WebClient} and reads the answers as Incus
 * envelopes. It adds the client's project and target to every request that takes them, and turns
 * every failure into an exception of the client's hierarchy.
 *
 * <p>Immutable and thread-safe; {@link #withScope} returns a copy that shares the WebClient and
 * therefore the connection pool, and the closed state: once {@link #close()} was called on any of
 * them, every request of all of them fails with an {@link IllegalStateException} without being sent.
 */
public final class IncusHttp {

    private static final byte[] EMPTY = new byte[0];

    /**
     * The request attribute in which WebClient keeps the URI template of a request made with
     * {@code uri(template, variables)}; its observations ({@code incus.client.requests}, see
     * {@link IncusRequestObservationConvention}) take the {@code uri} tag from it. The client expands its templates itself
     * ({@link RequestUris}) and sets the attribute the same way, so that the tag stays templated.
     */
    private static final String URI_TEMPLATE_ATTRIBUTE = WebClient.class.getName() + ".uriTemplate";

    private final HttpTransport transport;
    private final Endpoint endpoint;
    private final @Nullable URI base;
    private final Duration responseTimeout;
    private final long maxResponseSize;
    private final @Nullable String project;
    private final @Nullable String target;
    private final RequestAuthorization authorization;
    private final AtomicBoolean closed;
    private final IncusObservations observations;

    /**
     * Creates the executor with websocket support (exec streams, events).
     *
     * @param webClient the WebClient, already bound to the endpoint's connector
     * @param endpoint where requests go, for messages
     * @param responseTimeout the default response timeout, for messages
     * @param maxResponseSize the largest JSON body accepted, in bytes, for messages
     * @param project the project added to requests, or {@code null} for the daemon's default
     * @param target the cluster member added to requests, or {@code null}
     * @param webSockets opens websockets to the same endpoint, or {@code null} for none
     */
    public IncusHttp(WebClient webClient, Endpoint endpoint, Duration responseTimeout, long maxResponseSize,
            @Nullable String project, @Nullable String target, @Nullable WebSocketConnector webSockets) {
        this(HttpTransport.of(webClient, webSockets), endpoint, responseTimeout, maxResponseSize, project, target);
    }

    /**
     * Creates the executor over a transport, which may build its WebClient on first use.
     *
     * @param transport the WebClient and websocket connector, closed by {@link #close()}
     * @param endpoint where requests go, for messages
     * @param responseTimeout the default response timeout, for messages
     * @param maxResponseSize the largest JSON body accepted, in bytes, for messages
     * @param project the project added to requests, or {@code null} for the daemon's default
     * @param target the cluster member added to requests, or {@code null}
     */
    public IncusHttp(HttpTransport transport, Endpoint endpoint, Duration responseTimeout, long maxResponseSize,
            @Nullable String project, @Nullable String target) {
        this(transport, endpoint, responseTimeout, maxResponseSize, project, target, RequestAuthorization.none(),
                IncusObservations.none());
    }

    /**
     * Creates the executor over a transport, adding a bearer token to every request, websocket and
     * raw upgrade, and observing its websocket sessions and raw upgrades.
     *
     * @param transport the WebClient and websocket connector, closed by {@link #close()}
     * @param endpoint where requests go, for messages
     * @param responseTimeout the default response timeout, for messages
     * @param maxResponseSize the largest JSON body accepted, in bytes, for messages
     * @param project the project added to requests, or {@code null} for the daemon's default
     * @param target the cluster member added to requests, or {@code null}
     * @param authorization the bearer token, or {@link RequestAuthorization#none()}
     * @param observations what records sessions and upgrades (the transport's WebClient records its exchanges)
     */
    public IncusHttp(HttpTransport transport, Endpoint endpoint, Duration responseTimeout, long maxResponseSize,
            @Nullable String project, @Nullable String target, RequestAuthorization authorization,
            IncusObservations observations) {
        this(transport, endpoint, responseTimeout, maxResponseSize, project, target, authorization,
                new AtomicBoolean(), observations);
    }

    private IncusHttp(HttpTransport transport, Endpoint endpoint, Duration responseTimeout, long maxResponseSize,
            @Nullable String project, @Nullable String target, RequestAuthorization authorization,
            AtomicBoolean closed, IncusObservations observations) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.base = endpoint instanceof HttpsEndpoint https ? https.url() : null;
        this.responseTimeout = responseTimeout;
        this.maxResponseSize = maxResponseSize;
        this.project = project;
        this.target = target;
        this.authorization = authorization;
        this.closed = closed;
        this.observations = observations;
    }

    /**
     * Returns a copy that adds another project and target to requests.
     *
     * @param newProject the project, or {@code null}
     * @param newTarget the cluster member, or {@code null}
     * @return the scoped copy
     */
    public IncusHttp withScope(@Nullable String newProject, @Nullable String newTarget) {
        return new IncusHttp(transport, endpoint, responseTimeout, maxResponseSize, newProject, newTarget, authorization,
                closed, observations);
    }

    /**
     * Returns the project added to requests.
     *
     * @return the project, or {@code null} when the daemon's default applies
     */
    public @Nullable String project() {
        return project;
    }

    /**
     * Returns the cluster member added to requests.
     *
     * @return the target, or {@code null}
     */
    public @Nullable String target() {
        return target;
    }

    /**
     * Returns the transport, which this executor's scoped copies share (and so do the clients
     * made from them): a key for state that belongs to one client and its copies.
     *
     * @return the transport
     */
    public HttpTransport transport() {
        return transport;
    }

    /**
     * Returns what records this client's websocket sessions and raw upgrades, for the API classes
     * that open sessions.
     *
     * @return the observations, shared by the scoped copies
     */
    public IncusObservations observations() {
        return observations;
    }

    /**
     * Returns where requests go.
     *
     * @return the endpoint
     */
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Sends a request and reads a JSON envelope.
     *
     * @param request the request
     * @return the successful answer; errors are signalled as exceptions of the client's hierarchy
     */
    public Mono<IncusResponse> send(IncusRequest request) {
        return send(request, null);
    }

    /**
     * Sends a request and reads a JSON envelope, reading its metadata as the given type in the
     * same pass over the body (see {@link ResponseParser#parse(IncusRequest, int, String, byte[],
     * String, String, JavaType)}); {@link IncusResponse#metadataAs(JavaType)} with that type then
     * costs nothing.
     *
     * @param request the request
     * @param metadataType the type of the metadata, or {@code null} to leave it unread
     * @return the successful answer; errors are signalled as exceptions of the client's hierarchy
     */
    public Mono<IncusResponse> send(IncusRequest request, @Nullable JavaType metadataType) {
        return exchange(request, (response, attempt) -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(EMPTY)
                .map(body -> ResponseParser.parse(request, response.statusCode().value(), reason(response), body,
                        response.headers().asHttpHeaders().getFirst(HttpHeaders.ETAG),
                        response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION), metadataType))
                .onErrorMap(failure -> refusal(failure, response, attempt)));
    }

    /**
     * Sends a request and hands the raw response to a handler, for bodies that are not JSON
     * envelopes (files, exports, logs). Error statuses are still read as Incus errors.
     *
     * @param request the request
     * @param onSuccess reads a response with a status below 400
     * @param <T> what the handler produces
     * @return the handler's result
     */
    public <T> Mono<T> exchangeRaw(IncusRequest request, Function<ClientResponse, Mono<T>> onSuccess) {
        return exchange(request, (response, attempt) -> response.statusCode().value() >= 400
                ? failure(request, response, attempt) : onSuccess.apply(response));
    }

    /**
     * Sends a request and streams the raw response through a handler, for bodies read as they
     * arrive (file downloads). The response is released when the handler's stream ends or is
     * cancelled. Error statuses are read as Incus errors.
     *
     * @param request the request
     * @param onSuccess streams a response with a status below 400
     * @param <T> what the handler emits
     * @return the handler's elements
     */
    public <T> Flux<T> exchangeRawStream(IncusRequest request, Function<ClientResponse, Flux<T>> onSuccess) {
        Duration timeout = timeout(request);
        return Flux.defer(() -> closed.get() ? Flux.error(refused(request)) : authorization.run(request.describe(),
                replayable(request), attempt -> neverConnectedRetried(request, Flux.defer(() -> prepare(request,
                        timeout, attempt).exchangeToFlux(response -> response.statusCode().value() >= 400
                                ? IncusHttp.<T>failure(request, response, attempt).flux() : onSuccess.apply(response))))
                        .onErrorMap(failure -> translate(failure, request, timeout))));
    }

    private static <T> Mono<T> failure(IncusRequest request, ClientResponse response,
            RequestAuthorization.@Nullable Attempt attempt) {
        return response.bodyToMono(byte[].class).defaultIfEmpty(EMPTY)
                .flatMap(body -> Mono.error(refusal(ResponseParser.errorOf(request, response.statusCode().value(),
                        reason(response), body), response, attempt)));
    }

    /** The daemon's refusal of a bearer token as the caller sees it, with the daemon's OIDC headers. */
    private static Throwable refusal(Throwable failure, ClientResponse response,
            RequestAuthorization.@Nullable Attempt attempt) {
        return attempt == null ? failure : attempt.refused(failure, response.headers().asHttpHeaders()::getFirst);
    }

    /**
     * Sends a request again, on a new connection, when its connection failed before it connected
     * (see {@link NeverConnected}): Incus never saw it. A body that is not held in memory may have
     * been read already, so such a request fails as it did.
     */
    private static <T> Mono<T> neverConnectedRetried(IncusRequest request, Mono<T> exchange) {
        return replayable(request) ? NeverConnected.retried(exchange) : exchange;
    }

    private static <T> Flux<T> neverConnectedRetried(IncusRequest request, Flux<T> exchange) {
        return replayable(request) ? NeverConnected.retried(exchange) : exchange;
    }

    /** Whether a request may be sent a second time: its body, if any, is held in memory. */
    private static boolean replayable(IncusRequest request) {
        return request.body() == null || request.body().bytes() != null;
    }

    /**
     * Opens a websocket for a GET request (the project and target are added as for any request)
     * and runs a handler on it; see {@link WebSocketConnector}.
     *
     * @param request the GET request to upgrade
     * @param handler reads and writes the websocket; the connection closes when its publisher ends
     * @param <T> what the handler emits
     * @return what the handler emits; nothing is connected until subscribed
     * @throws IllegalStateException (signalled) if this executor was created without websocket support
     */
    public <T> Flux<T> websocket(IncusRequest request,
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        return websocket(request, true, handler);
    }

    /**
     * Opens a websocket as {@link #websocket(IncusRequest, BiFunction)} does, choosing whether
     * pings are answered; see {@link WebSocketConnector} for why exec streams must not answer them.
     *
     * @param request the GET request to upgrade
     * @param answerPings {@code false} to pass pings to the handler as frames instead of answering them
     * @param handler reads and writes the websocket; the connection closes when its publisher ends
     * @param <T> what the handler emits
     * @return what the handler emits; nothing is connected until subscribed
     * @throws IllegalStateException (signalled) if this executor was created without websocket support
     */
    public <T> Flux<T> websocket(IncusRequest request, boolean answerPings,
            BiFunction<? super WebsocketInbound, ? super WebsocketOutbound, ? extends Publisher<T>> handler) {
        Map<String, Object> variables = new LinkedHashMap<>(request.pathVariables());
        String uriTemplate = request.pathTemplate() + queryTemplate(scopedQuery(request), variables);
        return Flux.defer(() -> {
            if (closed.get()) {
                return Flux.error(refused(request));
            }
            WebSocketConnector connector = transport.webSockets();
            if (connector == null) {
                return Flux.error(new IllegalStateException("this IncusHttp was created without websocket support; "
                        + "build the client with IncusClient.builder()"));
            }
            // Nothing of the handler has run when a handshake is refused, so it can be opened again.
            return authorization.run(request.describe(), true, attempt -> attempt == null
                    ? connector.open(uriTemplate, variables, request.describe(), answerPings, null, handler)
                    : connector.open(uriTemplate, variables, request.describe(), answerPings, attempt.headerValue(),
                            handler).onErrorResume(IncusHttp::isUnauthorized,
                                    failure -> handshakeRefusal(request, failure, attempt).flatMapMany(Flux::error)));
        });
    }

    private static boolean isUnauthorized(Throwable failure) {
        return failure instanceof IncusApiException answer && answer.status() == 401;
    }

    /**
     * A refused handshake shows only its status (Reactor Netty drops the answer's body), so the
     * daemon is asked {@code GET /1.0} with the same token to learn why: an expired token then
     * gets its fresh one like any request, and the caller reads the daemon's own reason.
     */
    private Mono<Throwable> handshakeRefusal(IncusRequest request, Throwable failure,
            RequestAuthorization.Attempt attempt) {
        IncusRequest probe = IncusRequest.get("/1.0").unscoped().build();
        String described = request.describe();
        int space = described.indexOf(' ');
        return attempt(probe, timeout(probe), attempt, (response, same) -> response.bodyToMono(byte[].class)
                        .defaultIfEmpty(EMPTY)
                        .map(body -> ResponseParser.parse(probe, response.statusCode().value(), reason(response), body,
                                null, null))
                        .onErrorMap(answer -> refusal(answer, response, same)))
                .<Throwable>map(answered -> failure)
                .onErrorResume(IncusAuthenticationException.class, why -> Mono.just(new IncusAuthenticationException(
                        IncusApiException.of(why.status(), why.errorCode(), why.serverMessage(),
                                described.substring(0, space), described.substring(space + 1)),
                        why.oidcIssuer(), why.oidcClientId(), why.oidcAudience(), why.freshTokenRefused())))
                .onErrorReturn(failure);
    }

    /**
     * Opens one of the daemon's raw upgrades: sends the request (with the project and target, as
     * any request) asking for {@code Upgrade: protocol}, and hands over the connection once the
     * daemon answered {@code 101 Switching Protocols}. These requests go through Reactor Netty
     * but not through WebClient (it cannot hand over an upgraded connection), so WebClient
     * filters do not see them; see {@link UpgradeConnector}. Opening one is observed as
     * {@value IncusObservations#UPGRADES} when the client has an observation registry.
     *
     * @param request the request; a body must be held in memory (JSON)
     * @param protocol the protocol asked for: {@code sftp}, {@code nbd} or {@code tcp}
     * @return the connection, which the caller must close, emitted on a thread that may block; a
     *     refusal is signalled as the daemon's error
     *     ({@link io.github.incus4j.client.exception.IncusApiException}), an answer that neither
     *     switches nor is an error as an {@link IncusProtocolException}, a failure to connect or a
     *     missing answer as an {@link io.github.incus4j.client.exception.IncusConnectionException}
     */
    public Mono<UpgradedChannel> upgrade(IncusRequest request, String protocol) {
        Names.segment("protocol", protocol);
        if (request.body() != null && request.body().bytes() == null) {
            throw new IllegalArgumentException("an upgrade request takes a JSON body, not a streamed one: "
                    + request.describe());
        }
        Map<String, Object> variables = new LinkedHashMap<>(request.pathVariables());
        String uriTemplate = request.pathTemplate() + queryTemplate(scopedQuery(request), variables);
        UpgradeRequest upgrade = new UpgradeRequest(request.method().name(),
                RequestUris.expand(null, uriTemplate, variables).toString(), protocol,
                request.body() != null ? request.body().bytes() : null);
        Duration timeout = timeout(request);
        // The one place an upgrade starts and ends for observations: from the request to the 101 (or
        // failure), a renewed token's second attempt included.
        return observations.upgrade(protocol, Mono.defer(() -> authorization.isNone()
                ? upgrade(request, protocol, upgrade, timeout, null)
                : Mono.from(authorization.run(request.describe(), true,
                        attempt -> upgrade(request, protocol, upgrade, timeout, attempt)))));
    }

    private Mono<UpgradedChannel> upgrade(IncusRequest request, String protocol, UpgradeRequest upgrade,
            Duration timeout, RequestAuthorization.@Nullable Attempt attempt) {
        return Mono.defer(() -> {
            if (closed.get()) {
                return Mono.error(refused(request));
            }
            UpgradeConnector upgrades = transport.upgrades();
            if (upgrades == null) {
                return Mono.error(new IllegalStateException("this IncusHttp was created without raw upgrade "
                        + "support; build the client with IncusClient.builder()"));
            }
            return upgrades.open(attempt == null ? upgrade
                    : upgrade.withHeaders(Map.of(HttpHeaders.AUTHORIZATION, attempt.headerValue())), timeout);
        }).onErrorMap(UpgradeRefusedException.class, refusal -> {
            if (refusal.status() < 400) {
                // A proxy that drops the Upgrade header, a server that ignores it, another protocol.
                return new IncusProtocolException(refusal.status(), request.describe() + ": the daemon did not switch "
                        + "to " + protocol + " (HTTP " + refusal.status() + " " + refusal.reason() + ")", refusal);
            }
            RuntimeException error = ResponseParser.errorOf(request, refusal.status(), refusal.reason(), refusal.body());
            return attempt != null ? attempt.refused(error, refusal::header) : error;
        })
                .onErrorMap(failure -> !(failure instanceof IllegalStateException)
                        && !(failure instanceof IncusException), failure -> translate(failure, request, timeout));
    }

    /**
     * Closes this executor and its scoped copies: the websockets still open (exec streams, event
     * listeners) are closed, and every request made from now on, including one built or
     * subscribed to earlier, fails with an {@link IllegalStateException} without being sent.
     * Requests already in flight are not cancelled here. The transport is closed (its connection
     * pool released) by the first call; closing again does nothing.
     */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            transport.close();
        }
    }

    /**
     * Tells whether {@link #close()} was called on this executor or one of its scoped copies.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    private <T> Mono<T> exchange(IncusRequest request,
            BiFunction<ClientResponse, RequestAuthorization.@Nullable Attempt, Mono<T>> handler) {
        Duration timeout = timeout(request);
        return Mono.defer(() -> {
            if (closed.get()) {
                return Mono.error(refused(request));
            }
            if (authorization.isNone()) {
                return attempt(request, timeout, null, handler);
            }
            return Mono.from(authorization.run(request.describe(), replayable(request),
                    attempt -> attempt(request, timeout, attempt, handler)));
        });
    }

    private <T> Mono<T> attempt(IncusRequest request, Duration timeout, RequestAuthorization.@Nullable Attempt attempt,
            BiFunction<ClientResponse, RequestAuthorization.@Nullable Attempt, Mono<T>> handler) {
        Mono<T> exchange = Mono.defer(() -> prepare(request, timeout, attempt)
                .exchangeToMono(response -> handler.apply(response, attempt)));
        return neverConnectedRetried(request, exchange).onErrorMap(failure -> translate(failure, request, timeout));
    }

    private IllegalStateException refused(IncusRequest request) {
        return new IllegalStateException("the Incus client for " + endpoint.describe() + " was closed, so "
                + request.describe() + " was not sent; once close() is called on a client or on one of its "
                + "project(...)/target(...) copies, all of them refuse calls: build a new client with "
                + "IncusClient.builder()");
    }

    private Duration timeout(IncusRequest request) {
        return request.responseTimeout() != null ? request.responseTimeout() : responseTimeout;
    }

    private WebClient.RequestHeadersSpec<?> prepare(IncusRequest request, Duration timeout,
            RequestAuthorization.@Nullable Attempt attempt) {
        Map<String, @Nullable String> query = scopedQuery(request);
        Map<String, Object> variables = new LinkedHashMap<>(request.pathVariables());
        String uriTemplate = request.pathTemplate() + queryTemplate(query, variables);
        WebClient.RequestBodySpec spec = transport.webClient().method(request.method())
                .uri(RequestUris.expand(base, uriTemplate, variables))
                // What WebClient's uri(template, variables) records, for its observations' "uri" tag.
                .attribute(URI_TEMPLATE_ATTRIBUTE, uriTemplate)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    request.headers().forEach(headers::set);
                    if (attempt != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, attempt.headerValue());
                    }
                    if (request.ifMatch() != null) {
                        headers.setIfMatch(request.ifMatch());
                    }
                });
        if (request.responseTimeout() != null) {
            spec = spec.httpRequest(http -> {
                Object nativeRequest = http.getNativeRequest();
                if (nativeRequest instanceof HttpClientRequest reactorRequest) {
                    reactorRequest.responseTimeout(timeout);
                }
            });
        }
        if (request.body() != null) {
            return spec.contentType(request.body().contentType()).body(request.body().inserter());
        }
        return spec;
    }

    private Throwable translate(Throwable failure, IncusRequest request, Duration timeout) {
        if (failure instanceof DataBufferLimitException) {
            return new IncusProtocolException(0, request.describe() + ": the response is larger than the client's "
                    + "limit of " + maxResponseSize + " bytes for JSON responses; raise it with "
                    + "IncusClient.builder().maxResponseSize(...) or narrow the request (filter, recursion)", failure);
        }
        if (failure instanceof IncusApiException answer && !(answer instanceof IncusMemberUnavailableException)
                && IncusMemberUnavailableException.isForwardingFailure(answer.status(), answer.serverMessage())) {
            // Only here is the member known that the request named: its own target, or the client's.
            String member = request.query().containsKey("target") ? request.query().get("target")
                    : request.projectScoped() ? target : null;
            IncusMemberUnavailableException unavailable = new IncusMemberUnavailableException(answer, member);
            unavailable.setStackTrace(answer.getStackTrace());
            return unavailable;
        }
        return ConnectionFailures.translate(failure, endpoint, request.describe(), timeout);
    }

    private Map<String, @Nullable String> scopedQuery(IncusRequest request) {
        Map<String, @Nullable String> query = new LinkedHashMap<>(request.query());
        if (request.projectScoped()) {
            if (project != null && !query.containsKey("project") && !query.containsKey("all-projects")) {
                query.put("project", project);
            }
            if (target != null && !query.containsKey("target")) {
                query.put("target", target);
            }
        }
        return query;
    }

    /** Appends the query to the template as variables, so that values are encoded and metrics stay templated. */
    private static String queryTemplate(Map<String, @Nullable String> query, Map<String, Object> variables) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder template = new StringBuilder();
        for (Map.Entry<String, @Nullable String> parameter : query.entrySet()) {
            template.append(template.length() == 0 ? '?' : '&').append(parameter.getKey());
            if (parameter.getValue() != null) {
                String variable = "q_" + parameter.getKey().replace('-', '_');
                template.append("={").append(variable).append('}');
                variables.put(variable, parameter.getValue());
            }
        }
        return template.toString();
    }

    private static String reason(ClientResponse response) {
        String text = response.statusCode().toString();
        int space = text.indexOf(' ');
        return space < 0 ? "" : text.substring(space + 1);
    }
}
