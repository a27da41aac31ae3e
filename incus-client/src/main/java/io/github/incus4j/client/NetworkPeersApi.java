package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkPeer;
import io.github.incus4j.client.model.NetworkPeerPut;
import io.github.incus4j.client.model.NetworkPeersPost;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The peers of one OVN network: {@code /1.0/networks/{networkName}/peers} (API extension
 * {@value #EXTENSION}), reached with {@link NetworksApi#peers(String)}: links to another OVN network
 * of the same server ({@code local}) or through a network integration ({@code remote}).
 *
 * <p>Only {@code ovn} networks have peers: Incus 6.0.4 answers every call on another network
 * type with {@code Network driver "bridge" does not support peering} (or "macvlan", ...).
 */
public final class NetworkPeersApi {

    /** The API extension these endpoints came with. */
    public static final String EXTENSION = "network_peer";

    private final NamedCollection<NetworkPeer> items;

    /**
     * Creates the API scoped to one network, checking the API extension {@value #EXTENSION}
     * before every call.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param network the network name
     * @throws IllegalArgumentException if the network name is null, blank, {@code .} or {@code ..}
     */
    NetworkPeersApi(Calls calls, String network) {
        this.items = new NamedCollection<>(calls, "/1.0/networks/{networkName}/peers", "peerName",
                Map.of("networkName", Names.segment("network", network)), NetworkPeer.class)
                .requiring(EXTENSION);
    }

    /**
     * Lists the peers of the network by peer name ({@code recursion=0}).
     *
     * @return the peer names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the peers of the network by peer name ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the peer names
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/peers")
    public Mono<List<String>> listNames(ListOptions options) {
        return items.names(options);
    }

    /**
     * Lists the peers of the network ({@code recursion=1}).
     *
     * @return the peers
     */
    public Mono<List<NetworkPeer>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the peers of the network ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the peers
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/peers?recursion=1")
    public Mono<List<NetworkPeer>> list(ListOptions options) {
        return items.list(options);
    }

    /**
     * Reads a peer.
     *
     * @param peer the peer name
     * @return the peer
     */
    public Mono<NetworkPeer> get(String peer) {
        return getWithEtag(peer).map(ETagged::value);
    }

    /**
     * Reads a peer with its ETag.
     *
     * @param peer the peer name
     * @return the peer and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/networks/{networkName}/peers/{peerName}")
    public Mono<ETagged<NetworkPeer>> getWithEtag(String peer) {
        return items.get(Names.segment("peer", peer));
    }

    /**
     * Creates a peer.
     *
     * @param peer the body, from {@link NetworkPeersPost#local} or {@link NetworkPeersPost#remote}
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/networks/{networkName}/peers")
    public Mono<Void> create(NetworkPeersPost peer) {
        Names.required("peer", peer);
        Names.segment("peer.name", peer.name());
        return items.create(peer);
    }

    /**
     * Replaces a peer's writable part.
     *
     * @param peer the peer name
     * @param content the new content, typically from {@link NetworkPeer#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/networks/{networkName}/peers/{peerName}")
    public Mono<Void> update(String peer, NetworkPeerPut content, @Nullable String etag) {
        return items.update(Names.segment("peer", peer), content, etag);
    }

    /**
     * Changes only the given fields of a peer.
     *
     * @param peer the peer name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/networks/{networkName}/peers/{peerName}")
    public Mono<Void> patch(String peer, Object changes, @Nullable String etag) {
        return items.patch(Names.segment("peer", peer), changes, etag);
    }

    /**
     * Deletes a peer.
     *
     * @param peer the peer name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/networks/{networkName}/peers/{peerName}")
    public Mono<Void> delete(String peer) {
        return items.delete(Names.segment("peer", peer));
    }
}
