package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A cluster group ({@code GET /1.0/cluster/groups/{name}}).
 *
 * @param name the name
 * @param description a free-form description
 * @param members the member names
 * @param config the configuration keys
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record ClusterGroup(
        String name,
        String description,
        List<String> members,
        Map<String, String> config,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param description a free-form description
     * @param members the member names
     * @param config the configuration keys
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public ClusterGroup {
        name = Wire.text(name);
        description = Wire.text(description);
        members = Wire.list(members);
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
    public ClusterGroupPut toPut() {
        return new ClusterGroupPut(description, members, config, extra);
    }
}
