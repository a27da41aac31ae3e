package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A cluster member ({@code GET /1.0/cluster/members/{name}}).
 *
 * @param serverName the member name
 * @param url the member's API address
 * @param database whether it is a database member
 * @param status {@code Online}, {@code Offline}, {@code Evacuated}, ...
 * @param message what the status means
 * @param architecture the architecture
 * @param failureDomain the failure domain
 * @param description a free-form description
 * @param config the configuration keys
 * @param roles the roles, such as {@code database-leader}
 * @param groups the cluster groups
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record ClusterMember(
        String serverName,
        String url,
        boolean database,
        String status,
        String message,
        String architecture,
        String failureDomain,
        String description,
        Map<String, String> config,
        List<String> roles,
        List<String> groups,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param serverName the member name
     * @param url the member's API address
     * @param database whether it is a database member
     * @param status {@code Online}, {@code Offline}, {@code Evacuated}, ...
     * @param message what the status means
     * @param architecture the architecture
     * @param failureDomain the failure domain
     * @param description a free-form description
     * @param config the configuration keys
     * @param roles the roles, such as {@code database-leader}
     * @param groups the cluster groups
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public ClusterMember {
        serverName = Wire.text(serverName);
        url = Wire.text(url);
        status = Wire.text(status);
        message = Wire.text(message);
        architecture = Wire.text(architecture);
        failureDomain = Wire.text(failureDomain);
        description = Wire.text(description);
        config = Wire.map(config);
        roles = Wire.list(roles);
        groups = Wire.list(groups);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public ClusterMemberPut toPut() {
        return new ClusterMemberPut(description, config, roles, failureDomain, groups, extra);
    }
}
