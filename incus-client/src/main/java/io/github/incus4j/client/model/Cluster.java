package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * The cluster configuration of this server ({@code GET /1.0/cluster}).
 *
 * @param serverName this member's name, empty on a standalone server
 * @param enabled whether clustering is enabled
 * @param memberConfig configuration keys a joining member must supply
 * @param extra fields this client version does not know
 */
public record Cluster(
        String serverName,
        boolean enabled,
        List<Map<String, String>> memberConfig,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param serverName this member's name, empty on a standalone server
     * @param enabled whether clustering is enabled
     * @param memberConfig configuration keys a joining member must supply
     * @param extra fields this client version does not know
     */
    public Cluster {
        serverName = Wire.text(serverName);
        memberConfig = Wire.list(memberConfig);
        extra = Wire.map(extra);
    }
}
