package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A network integration: a connection to an external network system, such as an OVN
 * interconnection that remote network peers go through ({@code GET /1.0/network-integrations/{integration}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param type the integration type, such as {@code ovn}
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkIntegration(
        String name,
        String description,
        String type,
        Map<String, String> config,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param type the integration type, such as {@code ovn}
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkIntegration {
        name = Wire.text(name);
        description = Wire.text(description);
        type = Wire.text(type);
        config = Wire.map(config);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkIntegrationPut toPut() {
        return new NetworkIntegrationPut(description, config, extra);
    }
}
