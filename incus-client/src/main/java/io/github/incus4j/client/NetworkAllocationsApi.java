package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkAllocation;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The addresses in use: {@code /1.0/network-allocations} (API extension {@value #EXTENSION}), the
 * subnets of managed networks and the addresses of forwards, load balancers and instance NICs. A
 * network without addresses allocates nothing.
 */
public final class NetworkAllocationsApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_allocations";

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
    public Mono<List<NetworkAllocation>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the addresses in use, in the client's project or in every project
     * ({@link ListOptions#inAllProjects()}; the client's project is then not sent).
     *
     * @param options the project selection; the daemon does not filter this list, so a filter is
     *     refused
     * @return the allocations, empty when nothing has an address
     * @throws IllegalArgumentException if the options carry a filter
     */
    @Endpoint(method = "GET", path = "/1.0/network-allocations")
    public Mono<List<NetworkAllocation>> list(ListOptions options) {
        if (Names.required("options", options).filter() != null) {
            throw new IllegalArgumentException("the daemon does not filter network allocations (it would ignore "
                    + "the filter and list them all); list them and filter the result");
        }
        return calls.requiring(EXTENSION, calls.list(options.applyTo(IncusRequest.get("/1.0/network-allocations"))
                .build(), Calls.listOf(NetworkAllocation.class)));
    }
}
