package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.NetworkZone;
import io.github.incus4j.client.model.NetworkZonePut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * DNS zones Incus serves for its networks: {@code /1.0/network-zones}. A zone's records are
 * reached with {@link #records(String)}.
 */
public final class NetworkZonesApi {

    private final Calls calls;
    private final NamedCollection<NetworkZone> zones;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkZonesApi(Calls calls) {
        this.calls = calls;
        this.zones = new NamedCollection<>(calls, "/1.0/network-zones", "zone", Map.of(), NetworkZone.class);
    }

    /**
     * Lists the zone names ({@code recursion=0}).
     *
     * @return the names, such as {@code example.net}
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the zone names ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names, such as {@code example.net}
     */
    @Endpoint(method = "GET", path = "/1.0/network-zones")
    public Mono<List<String>> listNames(ListOptions options) {
        return zones.names(options);
    }

    /**
     * Lists the zones ({@code recursion=1}).
     *
     * @return the zones
     */
    public Mono<List<NetworkZone>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the zones ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the zones
     */
    @Endpoint(method = "GET", path = "/1.0/network-zones?recursion=1")
    public Mono<List<NetworkZone>> list(ListOptions options) {
        return zones.list(options);
    }

    /**
     * Reads a zone.
     *
     * @param zone the zone name
     * @return the zone
     */
    public Mono<NetworkZone> get(String zone) {
        return getWithEtag(zone).map(ETagged::value);
    }

    /**
     * Reads a zone with its ETag.
     *
     * @param zone the zone name
     * @return the zone and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/network-zones/{zone}")
    public Mono<ETagged<NetworkZone>> getWithEtag(String zone) {
        return zones.get(zone);
    }

    /**
     * Creates a zone.
     *
     * @param zone the zone name, a DNS domain such as {@code lab.example.net}
     * @param content its description and configuration ({@code dns.nameservers}, {@code peers.*})
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/network-zones")
    public Mono<Void> create(String zone, NetworkZonePut content) {
        return zones.create(zone, content);
    }

    /**
     * Replaces a zone's description and configuration.
     *
     * @param zone the zone name
     * @param content the new content
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/network-zones/{zone}")
    public Mono<Void> update(String zone, NetworkZonePut content, @Nullable String etag) {
        return zones.update(zone, content, etag);
    }

    /**
     * Changes only the given fields of a zone. On Incus 6.0.4 send {@code config} along (its keys
     * are merged): without it the daemon drops the connection when the zone has configuration keys.
     *
     * @param zone the zone name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/network-zones/{zone}")
    public Mono<Void> patch(String zone, Object changes, @Nullable String etag) {
        return zones.patch(zone, changes, etag);
    }

    /**
     * Deletes a zone and its records.
     *
     * @param zone the zone name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/network-zones/{zone}")
    public Mono<Void> delete(String zone) {
        return zones.delete(zone);
    }

    /**
     * The records of one zone.
     *
     * @param zone the zone name
     * @return the records API of that zone
     */
    public NetworkZoneRecordsApi records(String zone) {
        return new NetworkZoneRecordsApi(calls, Names.segment("zone", zone));
    }
}
