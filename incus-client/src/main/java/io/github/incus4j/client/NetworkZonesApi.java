package io.github.incus4j.client;

import io.github.incus4j.client.model.NetworkZone;
import io.github.incus4j.client.model.NetworkZonePut;
import io.github.incus4j.client.model.NetworkZoneRecord;
import io.github.incus4j.client.model.NetworkZoneRecordPut;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * DNS zones Incus serves for its networks: {@code /1.0/network-zones}, and their records.
 */
public final class NetworkZonesApi {

    private final Calls calls;
    private final IncusHttp http;
    private final NamedCollection<NetworkZone> zones;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    NetworkZonesApi(Calls calls) {
        this.calls = calls;
        this.http = calls.http();
        this.zones = new NamedCollection<>(calls, "/1.0/network-zones", "zone", Map.of(), NetworkZone.class);
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
    public Records records(String zone) {
        return new Records(calls, Names.segment("zone", zone));
    }

    /** The records of one zone: {@code /1.0/network-zones/{zone}/records}. */
    public static final class Records {

        private final NamedCollection<NetworkZoneRecord> records;

        Records(Calls calls, String zone) {
            this.records = new NamedCollection<>(calls, "/1.0/network-zones/{zone}/records", "name",
                    Map.of("zone", zone), NetworkZoneRecord.class);
        }

        /**
         * Lists the record names ({@code recursion=0}).
         *
         * @param options a filter
         * @return the names
         */
        @Endpoint(method = "GET", path = "/1.0/network-zones/{zone}/records")
        public Mono<List<String>> listNames(ListOptions options) {
            return records.names(options);
        }

        /**
         * Lists the records ({@code recursion=1}).
         *
         * @param options a filter
         * @return the records
         */
        @Endpoint(method = "GET", path = "/1.0/network-zones/{zone}/records?recursion=1")
        public Mono<List<NetworkZoneRecord>> list(ListOptions options) {
            return records.list(options);
        }

        /**
         * Reads a record with its ETag.
         *
         * @param name the record name, such as {@code www}
         * @return the record and its ETag
         */
        @Endpoint(method = "GET", path = "/1.0/network-zones/{zone}/records/{name}")
        public Mono<ETagged<NetworkZoneRecord>> getWithEtag(String name) {
            return records.get(name);
        }

        /**
         * Reads a record.
         *
         * @param name the record name
         * @return the record
         */
        public Mono<NetworkZoneRecord> get(String name) {
            return getWithEtag(name).map(ETagged::value);
        }

        /**
         * Creates a record.
         *
         * @param name the record name
         * @param content its entries, description and configuration
         * @return completes when created
         */
        @Endpoint(method = "POST", path = "/1.0/network-zones/{zone}/records")
        public Mono<Void> create(String name, NetworkZoneRecordPut content) {
            return records.create(name, content);
        }

        /**
         * Replaces a record's entries, description and configuration.
         *
         * @param name the record name
         * @param content the new content
         * @param etag the ETag from {@link #getWithEtag}, or {@code null}
         * @return completes when applied
         */
        @Endpoint(method = "PUT", path = "/1.0/network-zones/{zone}/records/{name}")
        public Mono<Void> update(String name, NetworkZoneRecordPut content, @Nullable String etag) {
            return records.update(name, content, etag);
        }

        /**
         * Changes only the given fields of a record. Incus 6.0.4 resets fields the body does not
         * carry and may drop the connection; prefer {@link #update} with a fresh ETag there.
         *
         * @param name the record name
         * @param changes the fields to change, JSON-shaped
         * @param etag the ETag from {@link #getWithEtag}, or {@code null}
         * @return completes when applied
         */
        @Endpoint(method = "PATCH", path = "/1.0/network-zones/{zone}/records/{name}")
        public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
            return records.patch(name, changes, etag);
        }

        /**
         * Deletes a record.
         *
         * @param name the record name
         * @return completes when deleted
         */
        @Endpoint(method = "DELETE", path = "/1.0/network-zones/{zone}/records/{name}")
        public Mono<Void> delete(String name) {
            return records.delete(name);
        }
    }
}
