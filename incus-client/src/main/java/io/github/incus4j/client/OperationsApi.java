package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.OperationWaiter;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.StatusCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Background operations: {@code /1.0/operations}. The daemon sends no ETag for them, so there is
 * no {@code getWithEtag}; a call that starts one returns an {@link OperationHandle}, which is
 * usually all a caller needs.
 */
public final class OperationsApi {

    private static final JavaType BY_STATUS = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            IncusJson.mapper().constructType(String.class),
            IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, Operation.class));
    private static final JavaType URLS_BY_STATUS = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            IncusJson.mapper().constructType(String.class),
            IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, String.class));
    /** Extra time for a {@code /wait} answer to arrive after the daemon's own timeout. */
    private static final Duration WAIT_GRACE = Duration.ofSeconds(10);

    private final Calls calls;
    private final IncusHttp http;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    OperationsApi(Calls calls) {
        this.calls = calls;
        this.http = calls.http();
    }

    /**
     * Lists the operations the daemon knows (running ones and those that ended in the last seconds).
     *
     * @return the operations, in no particular order
     */
    public Mono<List<Operation>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists operations, possibly of every project.
     *
     * @param options only {@link ListOptions#allProjects()} applies
     * @return the operations
     */
    @Endpoint(method = "GET", path = "/1.0/operations?recursion=1")
    public Mono<List<Operation>> list(ListOptions options) {
        IncusRequest.Builder request = IncusRequest.get("/1.0/operations").query("recursion", "1");
        if (options.allProjects()) {
            request.query("all-projects", "true");
        }
        return http.send(request.build()).map(response -> {
            Map<String, List<Operation>> byStatus = (response.metadataKind() == IncusResponse.MetadataKind.OBJECT)
                    ? response.metadataAs(BY_STATUS) : Map.of();
            List<Operation> all = new ArrayList<>();
            byStatus.values().forEach(all::addAll);
            return List.copyOf(all);
        });
    }

    /**
     * Reads one operation.
     *
     * @param id the operation id
     * @return the operation; {@link io.github.incus4j.client.exception.IncusNotFoundException} if the daemon no
     *     longer knows it
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}")
    public Mono<Operation> get(String id) {
        return calls.object(IncusRequest.get("/1.0/operations/{id}").path("id", "id", id).build(), Operation.class);
    }

    /**
     * Returns a handle for an operation known by id, for example one started by another process.
     *
     * @param id the operation id
     * @return a handle whose state is read from the daemon
     */
    public Mono<OperationHandle> handle(String id) {
        return get(id).map(operation -> new OperationHandle(http, operation));
    }

    /**
     * Waits for an operation known by id.
     *
     * @param id the operation id
     * @param timeout the longest time to wait
     * @param cancelOnTimeout whether to ask the daemon to cancel it at the deadline
     * @return as {@link OperationHandle#await(Duration, boolean)}
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/wait")
    public Mono<Operation> await(String id, Duration timeout, boolean cancelOnTimeout) {
        return new OperationWaiter(http).await(id, timeout, cancelOnTimeout);
    }

    /**
     * Asks the daemon to cancel an operation.
     *
     * @param id the operation id
     * @return completes once the daemon accepted; an error if the operation cannot be cancelled
     */
    @Endpoint(method = "DELETE", path = "/1.0/operations/{id}")
    public Mono<Void> cancel(String id) {
        return calls.run(IncusRequest.of(HttpMethod.DELETE, "/1.0/operations/{id}").path("id", "id", id).build());
    }

    /**
     * Lists the ids of the operations of the client's project ({@code recursion=0}).
     *
     * @return the ids, running ones and those that ended in the last seconds, in no particular order
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the ids of the operations the daemon knows ({@code recursion=0}).
     *
     * @param options only {@link ListOptions#allProjects()} applies
     * @return the ids, running ones and those that ended in the last seconds, in no particular order
     */
    @Endpoint(method = "GET", path = "/1.0/operations")
    public Mono<List<String>> listNames(ListOptions options) {
        IncusRequest.Builder request = IncusRequest.get("/1.0/operations");
        if (Names.required("options", options).allProjects()) {
            request.query("all-projects", "true");
        }
        return http.send(request.build()).map(response -> {
            Map<String, List<String>> byStatus = (response.metadataKind() == IncusResponse.MetadataKind.OBJECT)
                    ? response.metadataAs(URLS_BY_STATUS) : Map.of();
            List<String> ids = new ArrayList<>();
            byStatus.values().forEach(urls -> urls.forEach(url -> ids.add(ResourceUrls.lastSegment(url))));
            return List.copyOf(ids);
        });
    }

    /**
     * Waits for an operation as an untrusted client that holds one of its secrets
     * ({@code GET /1.0/operations/{id}/wait?public}), for example the {@code token} operation of
     * an image download secret, which ends when the secret is used. One request: the daemon
     * answers when the operation ended or the timeout ran out.
     *
     * @param id the operation id
     * @param secret a secret of the operation, from whoever started it
     * @param timeout the longest time to wait, at least one second (the daemon counts whole seconds)
     * @return the final operation, successful or cancelled (a used image secret's token ends
     *     cancelled); an {@link io.github.incus4j.client.exception.IncusOperationException} if it failed, an
     *     {@link IncusOperationTimeoutException} if the daemon answered with a running one. Incus 6.0 answers a timeout with an
     *     {@link io.github.incus4j.client.exception.IncusApiException} (HTTP 500, "context deadline exceeded")
     *     instead, and a wrong secret with 403.
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/wait?public")
    public Mono<Operation> awaitPublic(String id, String secret, Duration timeout) {
        Names.segment("id", id);
        Names.segment("secret", secret);
        Names.positive("timeout", timeout);
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        IncusRequest request = IncusRequest.get("/1.0/operations/{id}/wait").path("id", "id", id)
                .query("public", null).query("secret", secret).query("timeout", Long.toString(seconds))
                .responseTimeout(Duration.ofSeconds(seconds).plus(WAIT_GRACE)).unscoped().build();
        return http.send(request).map(response -> response.metadataAs(Operation.class)).flatMap(operation -> {
            if (!operation.isFinal()) {
                return Mono.error(new IncusOperationTimeoutException(operation, timeout, false));
            }
            return operation.isSuccess() || operation.statusCode() == StatusCode.CANCELLED ? Mono.just(operation)
                    : Mono.error(new IncusOperationException(operation));
        });
    }

    /**
     * Opens one websocket of an operation as a client that holds its secret, trusted or not
     * ({@code GET /1.0/operations/{id}/websocket?public}), for example the {@code control} or
     * {@code fs} stream of a migration source that another server was handed. The frames are
     * passed as they come; data travel in binary frames, and an empty text frame ends a stream.
     *
     * <p>Incus 6.0.4 binds exec and console streams to the client that started them: another
     * client, even with the right secret, gets 403 "Requestor mismatch". {@link InstanceExecApi} and
     * {@link ConsoleSession} attach to the streams of the operations this client starts.
     *
     * @param id the operation id
     * @param secret the secret of the stream to attach to
     * @param handler reads and writes the stream; the connection closes when its publisher ends
     * @param <T> what the handler emits
     * @return what the handler emits; nothing is connected until subscribed; a wrong secret fails
     *     with an {@link io.github.incus4j.client.exception.IncusApiException} (403)
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/websocket?public")
    public <T> Flux<T> websocket(String id, String secret,
            Function<? super OperationStream, ? extends Publisher<T>> handler) {
        Names.segment("id", id);
        Names.segment("secret", secret);
        Names.required("handler", handler);
        IncusRequest request = IncusRequest.get("/1.0/operations/{id}/websocket").path("id", "id", id)
                .query("secret", secret).unscoped().build();
        // As for exec and console streams, the daemon does not read pongs on these sockets.
        return http.websocket(request, false,
                (inbound, outbound) -> handler.apply(new OperationStream(inbound, outbound)));
    }
}
