package io.github.incus4j.client;

import io.github.incus4j.client.model.NetworkZoneRecord;
import io.github.incus4j.client.model.NetworkZoneRecordPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The records of one DNS zone: {@code /1.0/network-zones/{zone}/records}, reached with
 * {@link NetworkZonesApi#records(String)}.
 */
public final class NetworkZoneRecordsApi {

    private final NamedCollection<NetworkZoneRecord> records;

    /**
     * Creates the API for one zone.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param zone the zone name, checked
     */
    NetworkZoneRecordsApi(Calls calls, String zone) {
        this.records = new NamedCollection<>(calls, "/1.0/network-zones/{zone}/records", "name",
                Map.of("zone", zone), NetworkZoneRecord.class);
    }

    /**
     * Lists the record names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
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
     * @return the records
     */
    public Mono<List<NetworkZoneRecord>> list() {
        return list(ListOptions.NONE);
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
     * Changes the given fields of a record. Measured on Incus 6.0.4, this is no real PATCH: it
     * empties the entries and configuration the body does not carry, and in a zone with
     * configuration keys it drops the connection, or (with {@code config} in the body) refuses the
     * zone's keys as the record's ("Invalid config option"). Use {@link #update} with a fresh ETag.
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
