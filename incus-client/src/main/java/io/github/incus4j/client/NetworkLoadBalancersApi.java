package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkLoadBalancer;
import io.github.incus4j.client.model.NetworkLoadBalancerPut;
import io.github.incus4j.client.model.NetworkLoadBalancerState;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The load balancers of one network: {@code /1.0/networks/{networkName}/load-balancers}, keyed by
 * listen address (API extension {@value #EXTENSION}), reached with
 * {@link NetworksApi#loadBalancers(String)}.
 *
 * <p>Only {@code ovn} networks have load balancers: Incus 6.0.4 answers every call on a bridge
 * with {@code Network driver "bridge" does not support load balancers}.
 *
 * <pre>{@code
 * incus.networks().loadBalancers("ovn0").create("192.0.2.1", NetworkLoadBalancerPut.empty()
 *         .withBackends(List.of(NetworkLoadBalancerBackend.of("c1-http", "198.51.100.2", "80")))
 *         .withPorts(List.of(NetworkLoadBalancerPort.of("tcp", "80", List.of("c1-http"))))).block();
 * }</pre>
 */
public final class NetworkLoadBalancersApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_load_balancer";

    /** The API extension {@link #state} came with. */
    public static final String STATE_EXTENSION = "network_load_balancer_state";

    private final NamedCollection<NetworkLoadBalancer> items;

    /**
     * Creates the API scoped to one network, checking the API extension {@value #EXTENSION}
     * before every call.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param network the network name
     * @throws IllegalArgumentException if the network name is null, blank, {@code .} or {@code ..}
     */
    NetworkLoadBalancersApi(Calls calls, String network) {
        this.items = new NamedCollection<>(calls, "/1.0/networks/{networkName}/load-balancers",
                "listenAddress", Map.of("networkName", Names.segment("network", network)), NetworkLoadBalancer.class)
                .requiring(EXTENSION);
    }

    /**
     * Lists the load balancers of the network by listen address ({@code recursion=0}).
     *
     * @return the listen addresses
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the load balancers of the network by listen address ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the listen addresses
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/load-balancers")
    public Mono<List<String>> listNames(ListOptions options) {
        return items.names(options);
    }

    /**
     * Lists the load balancers of the network ({@code recursion=1}).
     *
     * @return the load balancers
     */
    public Mono<List<NetworkLoadBalancer>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the load balancers of the network ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the load balancers
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/load-balancers?recursion=1")
    public Mono<List<NetworkLoadBalancer>> list(ListOptions options) {
        return items.list(options);
    }

    /**
     * Reads a load balancer.
     *
     * @param listenAddress the listen address
     * @return the load balancer
     */
    public Mono<NetworkLoadBalancer> get(String listenAddress) {
        return getWithEtag(listenAddress).map(ETagged::value);
    }

    /**
     * Reads a load balancer with its ETag.
     *
     * @param listenAddress the listen address
     * @return the load balancer and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/load-balancers/{listenAddress}")
    public Mono<ETagged<NetworkLoadBalancer>> getWithEtag(String listenAddress) {
        return items.get(Names.segment("listenAddress", listenAddress));
    }

    /**
     * Creates a load balancer.
     *
     * @param listenAddress the listen address, an IPv4 or IPv6 address such as {@code 192.0.2.1}
     * @param content its description, configuration, backends and port rules
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/networks/{networkName}/load-balancers")
    public Mono<Void> create(String listenAddress, NetworkLoadBalancerPut content) {
        Names.segment("listenAddress", listenAddress);
        Names.required("content", content);
        return items.create(Calls.keyed("listen_address", listenAddress, content));
    }

    /**
     * Replaces a load balancer's writable part.
     *
     * @param listenAddress the listen address
     * @param content the new content, typically from {@link NetworkLoadBalancer#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/networks/{networkName}/load-balancers/{listenAddress}")
    public Mono<Void> update(String listenAddress, NetworkLoadBalancerPut content, @Nullable String etag) {
        return items.update(Names.segment("listenAddress", listenAddress), content, etag);
    }

    /**
     * Changes only the given fields of a load balancer.
     *
     * @param listenAddress the listen address
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/networks/{networkName}/load-balancers/{listenAddress}")
    public Mono<Void> patch(String listenAddress, Object changes, @Nullable String etag) {
        return items.patch(Names.segment("listenAddress", listenAddress), changes, etag);
    }

    /**
     * Deletes a load balancer.
     *
     * @param listenAddress the listen address
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/networks/{networkName}/load-balancers/{listenAddress}")
    public Mono<Void> delete(String listenAddress) {
        return items.delete(Names.segment("listenAddress", listenAddress));
    }

    /**
     * Reads the health of a load balancer's backends (API extension
     * {@code network_load_balancer_state}).
     *
     * @param listenAddress the listen address
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/load-balancers/{listenAddress}/state")
    public Mono<NetworkLoadBalancerState> state(String listenAddress) {
        Names.segment("listenAddress", listenAddress);
        Mono<NetworkLoadBalancerState> read = items.calls().object(items.one(HttpMethod.GET, "/state", listenAddress)
                .build(), NetworkLoadBalancerState.class);
        return items.guarded(items.calls().requiring(STATE_EXTENSION, read));
    }
}
