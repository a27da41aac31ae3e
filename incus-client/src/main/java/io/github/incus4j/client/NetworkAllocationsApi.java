package io.github.incus4j.client;

import io.github.incus4j.client.model.NetworkAllocation;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The addresses in use: {@code /1.0/network-allocations} (API extension
 * {@code network_allocations}), the subnets of managed networks and the addresses of forwards,
 * load balancers and instance NICs. A network without addresses allocates nothing.
 */
public final class NetworkAllocationsApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_allocations";

    private static final JavaType LIST = Calls.listOf(NetworkAllocation.class);

    private final Calls calls;


    /**
     * Creates the API, checking the API extension {@value #EXTENSION} before every call.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkAllocationsApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the addresses in use in the client's project.
     *
     * @return the allocations, empty when nothing has an address
     */
    @Endpoint(method = "GET", path = "/1.0/network-allocations")
    public Mono<List<NetworkAllocation>> list() {
        return calls.requiring(EXTENSION, calls.list(IncusRequest.of(HttpMethod.GET, "/1.0/network-allocations")
                .build(), LIST));
    }

    /**
     * Lists the addresses in use in every project ({@code all-projects=true}; the client's project
     * is then not sent).
     *
     * @return the allocations, empty when nothing has an address
     */
    @Endpoint(method = "GET", path = "/1.0/network-allocations")
    public Mono<List<NetworkAllocation>> listInAllProjects() {
        return calls.requiring(EXTENSION, calls.list(ListOptions.allProjectsOptions().applyTo(
                IncusRequest.of(HttpMethod.GET, "/1.0/network-allocations")).build(), LIST));
    }
}
