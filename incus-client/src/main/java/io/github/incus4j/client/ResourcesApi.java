package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.model.Resources;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The host: its hardware ({@code GET /1.0/resources}) and the description of every configuration
 * key the server knows ({@code GET /1.0/metadata/configuration}).
 */
public final class ResourcesApi {

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ResourcesApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Reads the host's hardware: CPU, memory, disks, GPUs, network cards and more. With
     * {@code client.target(member)} it reads another cluster member's.
     *
     * @return the resources
     */
    @Endpoint(method = "GET", path = "/1.0/resources")
    public Mono<Resources> get() {
        return calls.object(IncusRequest.get("/1.0/resources").build(), Resources.class);
    }

    /**
     * Reads the documentation of the configuration keys the server accepts, grouped by entity
     * ({@code configs.instance}, {@code configs.project}, ...), as JSON-shaped maps.
     *
     * @return the metadata; it is large (hundreds of keys)
     */
    @Endpoint(method = "GET", path = "/1.0/metadata/configuration")
    public Mono<Map<String, Object>> configurationMetadata() {
        return calls.map(IncusRequest.get("/1.0/metadata/configuration").unscoped().build());
    }
}
