package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A peering of an OVN network with another network
 * ({@code GET /1.0/networks/{networkName}/peers/{peerName}}).
 *
 * @param name the peer name
 * @param description a free-form description
 * @param config the configuration keys
 * @param type {@code local} (another OVN network of this server) or {@code remote} (through a
 *     network integration); empty from daemons without {@code network_integrations}
 * @param targetProject the target network's project, for a local peer
 * @param targetNetwork the target network, for a local peer
 * @param targetIntegration the network integration, for a remote peer
 * @param status the peering state, such as {@code Pending} (the other side has not peered back
 *     yet) or {@code Created}
 * @param usedBy the URLs of the objects that use it
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkPeer(
        String name,
        String description,
        Map<String, String> config,
        String type,
        String targetProject,
        String targetNetwork,
        String targetIntegration,
        String status,
        List<String> usedBy,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the peer name
     * @param description a free-form description
     * @param config the configuration keys
     * @param type {@code local} (another OVN network of this server) or {@code remote} (through a
     *     network integration); empty from daemons without {@code network_integrations}
     * @param targetProject the target network's project, for a local peer
     * @param targetNetwork the target network, for a local peer
     * @param targetIntegration the network integration, for a remote peer
     * @param status the peering state, such as {@code Pending} (the other side has not peered back
     *     yet) or {@code Created}
     * @param usedBy the URLs of the objects that use it
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkPeer {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        type = Wire.text(type);
        targetProject = Wire.text(targetProject);
        targetNetwork = Wire.text(targetNetwork);
        targetIntegration = Wire.text(targetIntegration);
        status = Wire.text(status);
        usedBy = Wire.list(usedBy);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkPeerPut toPut() {
        return new NetworkPeerPut(description, config, extra);
    }
}
