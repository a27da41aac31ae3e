package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Warning;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Warnings the daemon raised: {@code /1.0/warnings}.
 *
 * <p>Warnings have no ETag (Incus 6.0.4 sends none), so there is no {@code getWithEtag}; their
 * only writable field is the status.
 */
public final class WarningsApi {

    private final NamedCollection<Warning> warnings;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    WarningsApi(Calls calls) {
        this.warnings = new NamedCollection<>(calls, "/1.0/warnings", "uuid", Map.of(), Warning.class);
    }

    /**
     * Lists the UUIDs of the warnings of the client's project ({@code recursion=0}).
     *
     * @return the UUIDs
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the warning UUIDs ({@code recursion=0}).
     *
     * @param options filter (such as {@code Filter.eq("status", "new")}) and project selection
     * @return the UUIDs
     */
    @Endpoint(method = "GET", path = "/1.0/warnings")
    public Mono<List<String>> listNames(ListOptions options) {
        return warnings.names(options);
    }

    /**
     * Lists the warnings of the client's project ({@code recursion=1}).
     *
     * @return the warnings
     */
    public Mono<List<Warning>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the warnings ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the warnings
     */
    @Endpoint(method = "GET", path = "/1.0/warnings?recursion=1")
    public Mono<List<Warning>> list(ListOptions options) {
        return warnings.list(options);
    }

    /**
     * Reads a warning.
     *
     * @param uuid the warning's UUID
     * @return the warning
     */
    @Endpoint(method = "GET", path = "/1.0/warnings/{uuid}")
    public Mono<Warning> get(String uuid) {
        return warnings.get(uuid).map(ETagged::value);
    }

    /**
     * Sets a warning's status ({@code PUT}).
     *
     * @param uuid the warning's UUID
     * @param status {@code new} or {@code acknowledged}; Incus 6.0.4 refuses any other with HTTP 403
     *     ("Status may only be set to ...") or 400 for a word it does not know, since only the daemon
     *     resolves warnings
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/warnings/{uuid}")
    public Mono<Void> updateStatus(String uuid, String status) {
        Names.segment("status", status);
        return warnings.update(uuid, Map.of("status", status), null);
    }

    /**
     * Acknowledges a warning: it stays listed but is no longer {@code new}.
     *
     * @param uuid the warning's UUID
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/warnings/{uuid}")
    public Mono<Void> acknowledge(String uuid) {
        return warnings.patch(uuid, Map.of("status", "acknowledged"), null);
    }

    /**
     * Deletes a warning: it is no longer listed. A cause the daemon meets again raises a new one.
     *
     * @param uuid the warning's UUID
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/warnings/{uuid}")
    public Mono<Void> delete(String uuid) {
        return warnings.delete(uuid);
    }
}
