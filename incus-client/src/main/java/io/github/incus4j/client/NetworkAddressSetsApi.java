package io.github.incus4j.client;

import io.github.incus4j.client.model.NetworkAddressSet;
import io.github.incus4j.client.model.NetworkAddressSetPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Address sets: {@code /1.0/network-address-sets}, named lists of addresses that ACL rules refer
 * to as {@code $name}.
 *
 * <p>They need the API extension {@value #EXTENSION}, which Incus 6.0 LTS does not have: every
 * call checks it first and fails with {@link io.github.incus4j.client.exception.IncusUnsupportedException}
 * without sending anything when the server lacks it.
 */
public final class NetworkAddressSetsApi {

    /** The API extension address sets need. */
    public static final String EXTENSION = "network_address_set";

    private final NamedCollection<NetworkAddressSet> sets;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkAddressSetsApi(Calls calls) {
        this.sets = new NamedCollection<>(calls, "/1.0/network-address-sets", "name", Map.of(),
                NetworkAddressSet.class).requiring(EXTENSION);
    }

    /**
     * Lists the address set names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the address set names ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/network-address-sets")
    public Mono<List<String>> listNames(ListOptions options) {
        return sets.names(options);
    }

    /**
     * Lists the address sets ({@code recursion=1}).
     *
     * @return the address sets
     */
    public Mono<List<NetworkAddressSet>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the address sets ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the address sets
     */
    @Endpoint(method = "GET", path = "/1.0/network-address-sets?recursion=1")
    public Mono<List<NetworkAddressSet>> list(ListOptions options) {
        return sets.list(options);
    }

    /**
     * Reads an address set.
     *
     * @param name the name
     * @return the address set
     */
    public Mono<NetworkAddressSet> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads an address set with its ETag.
     *
     * @param name the name
     * @return the address set and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/network-address-sets/{name}")
    public Mono<ETagged<NetworkAddressSet>> getWithEtag(String name) {
        return sets.get(name);
    }

    /**
     * Creates an address set.
     *
     * @param name the name
     * @param content its addresses, description and configuration
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/network-address-sets")
    public Mono<Void> create(String name, NetworkAddressSetPut content) {
        return sets.create(name, content);
    }

    /**
     * Replaces an address set's addresses, description and configuration.
     *
     * @param name the name
     * @param content the new content
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/network-address-sets/{name}")
    public Mono<Void> update(String name, NetworkAddressSetPut content, @Nullable String etag) {
        return sets.update(name, content, etag);
    }

    /**
     * Changes only the given fields of an address set.
     *
     * @param name the name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/network-address-sets/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return sets.patch(name, changes, etag);
    }

    /**
     * Renames an address set.
     *
     * @param name the current name
     * @param newName the new name
     * @return completes when renamed
     */
    @Endpoint(method = "POST", path = "/1.0/network-address-sets/{name}")
    public Mono<Void> rename(String name, String newName) {
        return sets.rename(name, newName);
    }

    /**
     * Deletes an address set that no ACL uses.
     *
     * @param name the name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/network-address-sets/{name}")
    public Mono<Void> delete(String name) {
        return sets.delete(name);
    }
}
