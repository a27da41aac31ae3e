package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A named set of addresses that ACL rules can refer to ({@code GET /1.0/network-address-sets/{name}};
 * API extension {@code network_address_set}).
 *
 * @param name the name
 * @param description a free-form description
 * @param addresses the addresses and subnets
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkAddressSet(
        String name,
        String description,
        List<String> addresses,
        Map<String, String> config,
        List<String> usedBy,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param addresses the addresses and subnets
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkAddressSet {
        name = Wire.text(name);
        description = Wire.text(description);
        addresses = Wire.list(addresses);
        config = Wire.map(config);
        usedBy = Wire.list(usedBy);
        project = Wire.text(project);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkAddressSetPut toPut() {
        return new NetworkAddressSetPut(description, addresses, config, extra);
    }
}
