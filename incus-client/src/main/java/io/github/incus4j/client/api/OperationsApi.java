package io.github.incus4j.client.api;

import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.protocol.IncusHttp;
import io.github.incus4j.client.protocol.IncusJson;
import io.github.incus4j.client.protocol.IncusRequest;
import io.github.incus4j.client.protocol.OperationWaiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Background operations: {@code /1.0/operations}.
 */
public final class OperationsApi {

    private static final JavaType BY_STATUS = IncusJson.mapper().getTypeFactory().constructMapType(Map.class,
            IncusJson.mapper().constructType(String.class),
            IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, Operation.class));

    private final IncusHttp http;

    /**
     * Creates the API over a request executor.
     *
     * @param http the executor
     */
    public OperationsApi(IncusHttp http) {
        this.http = http;
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
            Map<String, List<Operation>> byStatus = response.metadata().isObject()
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
     * @return the operation; {@link io.github.incus4j.client.IncusNotFoundException} if the daemon no
     *     longer knows it
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}")
    public Mono<Operation> get(String id) {
        IncusRequest request = IncusRequest.get("/1.0/operations/{id}").path("id", "id", id).build();
        return http.send(request).map(response -> response.metadataAs(Operation.class));
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
        IncusRequest request = IncusRequest.of(HttpMethod.DELETE, "/1.0/operations/{id}").path("id", "id", id).build();
        return http.send(request).then();
    }
}
