package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A record set of a network zone ({@code GET /1.0/network-zones/{zone}/records/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param entries the DNS entries
 * @param config the configuration keys
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkZoneRecord(
        String name,
        String description,
        List<NetworkZoneRecordEntry> entries,
        Map<String, String> config,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param entries the DNS entries
     * @param config the configuration keys
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkZoneRecord {
        name = Wire.text(name);
        description = Wire.text(description);
        entries = Wire.list(entries);
        config = Wire.map(config);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkZoneRecordPut toPut() {
        return new NetworkZoneRecordPut(description, entries, config, extra);
    }
}
