package io.github.incus4j.client.model;

/**
 * One DNS entry of a zone record.
 *
 * @param type the DNS type, such as {@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}
 * @param value the value
 * @param ttl the time to live in seconds, 0 for the zone default
 */
public record NetworkZoneRecordEntry(
        String type,
        String value,
        long ttl) {

    /**
     * Normalises missing fields.
     *
     * @param type the DNS type, such as {@code A}, {@code AAAA}, {@code CNAME}, {@code TXT}
     * @param value the value
     * @param ttl the time to live in seconds, 0 for the zone default
     */
    public NetworkZoneRecordEntry {
        type = Wire.text(type);
        value = Wire.text(value);
    }
}
