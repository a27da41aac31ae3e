package io.github.incus4j.client;

import io.github.incus4j.client.model.Warning;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Warnings the daemon raised: {@code /1.0/warnings}.
 *
 * <p>Warnings have no ETag; their only writable field is the status.
 */
public final class WarningsApi {

    private static final String COLLECTION = "/1.0/warnings";
    private static final String ONE = "/1.0/warnings/{uuid}";
    private static final JavaType WARNINGS = Calls.listOf(Warning.class);

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    WarningsApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the warning UUIDs ({@code recursion=0}).
     *
     * @param options filter (such as {@code Filter.eq("status", "new")}) and project selection
     * @return the UUIDs
     */
    @Endpoint(method = "GET", path = "/1.0/warnings")
    public Mono<List<String>> listUuids(ListOptions options) {
        return calls.names(Names.required("options", options).applyTo(IncusRequest.get(COLLECTION)).build());
    }

    /**
     * Lists the warnings ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the warnings
     */
    @Endpoint(method = "GET", path = "/1.0/warnings?recursion=1")
    public Mono<List<Warning>> list(ListOptions options) {
        return calls.list(Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("recursion", "1")).build(), WARNINGS);
    }

    /**
     * Reads a warning.
     *
     * @param uuid the warning's UUID
     * @return the warning
     */
    @Endpoint(method = "GET", path = "/1.0/warnings/{uuid}")
    public Mono<Warning> get(String uuid) {
        return calls.object(IncusRequest.get(ONE).path("uuid", "uuid", uuid).build(), Warning.class);
    }

    /**
     * Sets a warning's status ({@code PUT}).
     *
     * @param uuid the warning's UUID
     * @param status {@code new}, {@code acknowledged} or {@code resolved}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/warnings/{uuid}")
    public Mono<Void> updateStatus(String uuid, String status) {
        Names.segment("status", status);
        return calls.run(IncusRequest.of(HttpMethod.PUT, ONE).path("uuid", "uuid", uuid)
                .json(Map.of("status", status)).build());
    }

    /**
     * Acknowledges a warning: it stays listed but is no longer {@code new}.
     *
     * @param uuid the warning's UUID
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/warnings/{uuid}")
    public Mono<Void> acknowledge(String uuid) {
        return calls.run(IncusRequest.of(HttpMethod.PATCH, ONE).path("uuid", "uuid", uuid)
                .json(Map.of("status", "acknowledged")).build());
    }

    /**
     * Deletes a warning. If its cause persists, the daemon raises it again.
     *
     * @param uuid the warning's UUID
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/warnings/{uuid}")
    public Mono<Void> delete(String uuid) {
        return calls.run(IncusRequest.of(HttpMethod.DELETE, ONE).path("uuid", "uuid", uuid).build());
    }
}
