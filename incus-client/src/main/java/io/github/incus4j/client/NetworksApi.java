package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Network;
import io.github.incus4j.client.model.NetworkLease;
import io.github.incus4j.client.model.NetworkPut;
import io.github.incus4j.client.model.NetworkState;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Networks: {@code /1.0/networks}, managed ones and the host interfaces Incus reports. A network's
 * forwards, load balancers and peers are reached with {@link #forwards(String)},
 * {@link #loadBalancers(String)} and {@link #peers(String)}.
 *
 * <p>A bridge with addresses makes Incus run DHCP and NAT on the host; give
 * {@code ipv4.address=none} and {@code ipv6.address=none} for a bridge without any.
 */
public final class NetworksApi {

    private final Calls calls;
    private final NamedCollection<Network> networks;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworksApi(Calls calls) {
        this.calls = calls;
        this.networks = new NamedCollection<>(calls, "/1.0/networks", "name", Map.of(), Network.class);
    }

    /**
     * The address forwards of one network.
     *
     * @param network the network name
     * @return the forwards API of that network
     */
    public NetworkForwardsApi forwards(String network) {
        return new NetworkForwardsApi(calls, network);
    }

    /**
     * The load balancers of one network.
     *
     * @param network the network name
     * @return the load balancers API of that network
     */
    public NetworkLoadBalancersApi loadBalancers(String network) {
        return new NetworkLoadBalancersApi(calls, network);
    }

    /**
     * The peers of one network.
     *
     * @param network the network name
     * @return the peers API of that network
     */
    public NetworkPeersApi peers(String network) {
        return new NetworkPeersApi(calls, network);
    }

    /**
     * Lists the network names, host interfaces included ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the network names, host interfaces included ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/networks")
    public Mono<List<String>> listNames(ListOptions options) {
        return networks.names(options);
    }

    /**
     * Lists the networks ({@code recursion=1}).
     *
     * @return the networks
     */
    public Mono<List<Network>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the networks ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the networks
     */
    @Endpoint(method = "GET", path = "/1.0/networks?recursion=1")
    public Mono<List<Network>> list(ListOptions options) {
        return networks.list(options);
    }

    /**
     * Reads a network.
     *
     * @param name the network name
     * @return the network
     */
    public Mono<Network> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads a network with its ETag.
     *
     * @param name the network name
     * @return the network and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{name}")
    public Mono<ETagged<Network>> getWithEtag(String name) {
        return networks.get(name);
    }

    /**
     * Creates a managed network. On Incus 6.0 a {@code bridge} needs {@code dnsmasq} on the host
     * even without addresses; {@code macvlan} with a {@code parent} needs nothing.
     *
     * @param name the network name
     * @param type {@code bridge}, {@code macvlan}, {@code sriov}, {@code ovn} or {@code physical}
     * @param network the description and configuration
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/networks")
    public Mono<Void> create(String name, String type, NetworkPut network) {
        Names.segment("name", name);
        Names.segment("type", type);
        Names.required("network", network);
        return networks.create(Calls.named(name, network).put("type", type));
    }

    /**
     * Replaces a network's description and configuration.
     *
     * @param name the network name
     * @param network the new content, typically from {@link Network#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/networks/{name}")
    public Mono<Void> update(String name, NetworkPut network, @Nullable String etag) {
        return networks.update(name, network, etag);
    }

    /**
     * Changes only the given fields of a network.
     *
     * @param name the network name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/networks/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return networks.patch(name, changes, etag);
    }

    /**
     * Renames a managed network that nothing uses (Incus 6.0.4: HTTP 400 "Network is currently in
     * use" otherwise).
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/networks/{name}")
    public Mono<Void> rename(String name, String newName) {
        return networks.rename(name, newName);
    }

    /**
     * Deletes a managed network that nothing uses (Incus 6.0.4: HTTP 400 "The network is currently
     * in use" otherwise).
     *
     * @param name the network name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/networks/{name}")
    public Mono<Void> delete(String name) {
        return networks.delete(name);
    }

    /**
     * Reads the runtime state of a network's interface on the host. A managed network whose
     * interface does not exist (a {@code macvlan} network, which has none of its own) is answered
     * with {@link io.github.incus4j.client.exception.IncusNotFoundException}.
     *
     * @param name the network name
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{name}/state")
    public Mono<NetworkState> state(String name) {
        return networks.calls().object(networks.one(HttpMethod.GET, "/state", name).build(), NetworkState.class);
    }

    /**
     * Lists the DHCP leases and static allocations of a managed bridge network; Incus 6.0.4 answers
     * other network types with HTTP 500 "Not implemented" (measured on {@code macvlan}).
     *
     * @param name the network name
     * @return the leases
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{name}/leases")
    public Mono<List<NetworkLease>> leases(String name) {
        return networks.calls().list(networks.one(HttpMethod.GET, "/leases", name).build(),
                Calls.listOf(NetworkLease.class));
    }
}
