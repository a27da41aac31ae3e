package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A network ACL: ingress and egress rules that NICs and networks can use
 * ({@code GET /1.0/network-acls/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param ingress the ingress rules
 * @param egress the egress rules
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkAcl(
        String name,
        String description,
        List<NetworkAclRule> ingress,
        List<NetworkAclRule> egress,
        Map<String, String> config,
        List<String> usedBy,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param ingress the ingress rules
     * @param egress the egress rules
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkAcl {
        name = Wire.text(name);
        description = Wire.text(description);
        ingress = Wire.list(ingress);
        egress = Wire.list(egress);
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
    public NetworkAclPut toPut() {
        return new NetworkAclPut(description, ingress, egress, config, extra);
    }
}
