package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkForward;
import io.github.incus4j.client.model.NetworkForwardPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The address forwards of one network: {@code /1.0/networks/{networkName}/forwards}, keyed by
 * listen address (API extension {@value #EXTENSION}), reached with
 * {@link NetworksApi#forwards(String)}.
 *
 * <p>Only {@code bridge} and {@code ovn} networks have forwards. Their target addresses lie
 * inside the network's subnet, so a bridge needs an IPv4 or IPv6 address: Incus 6.0.4 refuses a
 * forward on a bridge with {@code ipv4.address=none} ({@code Failed creating forward: invalid CIDR
 * address: none}). Other network types answer that their driver does not
 * support forwards.
 *
 * <pre>{@code
 * incus.networks().forwards("incusbr0").create("192.0.2.1", NetworkForwardPut.empty()
 *         .withPorts(List.of(NetworkForwardPort.of("tcp", "80", "198.51.100.2")))).block();
 * }</pre>
 */
public final class NetworkForwardsApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_forward";

    private final NamedCollection<NetworkForward> items;

    /**
     * Creates the API scoped to one network, checking the API extension {@value #EXTENSION}
     * before every call.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param network the network name
     * @throws IllegalArgumentException if the network name is null, blank, {@code .} or {@code ..}
     */
    NetworkForwardsApi(Calls calls, String network) {
        this.items = new NamedCollection<>(calls, "/1.0/networks/{networkName}/forwards", "listenAddress",
                Map.of("networkName", Names.segment("network", network)), NetworkForward.class)
                .requiring(EXTENSION);
    }

    /**
     * Lists the forwards of the network by listen address ({@code recursion=0}).
     *
     * @return the listen addresses
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the forwards of the network by listen address ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the listen addresses
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/forwards")
    public Mono<List<String>> listNames(ListOptions options) {
        return items.names(options);
    }

    /**
     * Lists the forwards of the network ({@code recursion=1}).
     *
     * @return the forwards
     */
    public Mono<List<NetworkForward>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the forwards of the network ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the forwards
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/forwards?recursion=1")
    public Mono<List<NetworkForward>> list(ListOptions options) {
        return items.list(options);
    }

    /**
     * Reads a forward.
     *
     * @param listenAddress the listen address
     * @return the forward
     */
    public Mono<NetworkForward> get(String listenAddress) {
        return getWithEtag(listenAddress).map(ETagged::value);
    }

    /**
     * Reads a forward with its ETag.
     *
     * @param listenAddress the listen address
     * @return the forward and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/forwards/{listenAddress}")
    public Mono<ETagged<NetworkForward>> getWithEtag(String listenAddress) {
        return items.get(Names.segment("listenAddress", listenAddress));
    }

    /**
     * Creates a forward.
     *
     * @param listenAddress the listen address, an IPv4 or IPv6 address such as {@code 192.0.2.1}
     * @param content its description, configuration ({@code target_address} for the traffic no
     *     port rule takes) and port rules
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/networks/{networkName}/forwards")
    public Mono<Void> create(String listenAddress, NetworkForwardPut content) {
        Names.segment("listenAddress", listenAddress);
        Names.required("content", content);
        return items.create(Calls.keyed("listen_address", listenAddress, content));
    }

    /**
     * Replaces a forward's writable part.
     *
     * @param listenAddress the listen address
     * @param content the new content, typically from {@link NetworkForward#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/networks/{networkName}/forwards/{listenAddress}")
    public Mono<Void> update(String listenAddress, NetworkForwardPut content, @Nullable String etag) {
        return items.update(Names.segment("listenAddress", listenAddress), content, etag);
    }

    /**
     * Changes only the given fields of a forward.
     *
     * @param listenAddress the listen address
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/networks/{networkName}/forwards/{listenAddress}")
    public Mono<Void> patch(String listenAddress, Object changes, @Nullable String etag) {
        return items.patch(Names.segment("listenAddress", listenAddress), changes, etag);
    }

    /**
     * Deletes a forward.
     *
     * @param listenAddress the listen address
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/networks/{networkName}/forwards/{listenAddress}")
    public Mono<Void> delete(String listenAddress) {
        return items.delete(Names.segment("listenAddress", listenAddress));
    }
}
