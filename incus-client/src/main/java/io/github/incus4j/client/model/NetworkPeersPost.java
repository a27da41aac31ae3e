package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body that creates a network peer; start from {@link #local} or {@link #remote}.
 * Empty target fields are left out of the request.
 *
 * @param name the peer name
 * @param description a free-form description
 * @param config the configuration keys
 * @param type {@code local} or {@code remote} (API extension {@code network_integrations}); left
 *     out when empty
 * @param targetProject the target network's project, for a local peer
 * @param targetNetwork the target network, for a local peer
 * @param targetIntegration the network integration, for a remote peer
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NetworkPeersPost(
        String name,
        String description,
        Map<String, String> config,
        String type,
        String targetProject,
        String targetNetwork,
        String targetIntegration) {

    /**
     * Normalises missing fields.
     *
     * @param name the peer name
     * @param description a free-form description
     * @param config the configuration keys
     * @param type {@code local} or {@code remote} (API extension {@code network_integrations}); left
     *     out when empty
     * @param targetProject the target network's project, for a local peer
     * @param targetNetwork the target network, for a local peer
     * @param targetIntegration the network integration, for a remote peer
     */
    public NetworkPeersPost {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        type = Wire.text(type);
        targetProject = Wire.text(targetProject);
        targetNetwork = Wire.text(targetNetwork);
        targetIntegration = Wire.text(targetIntegration);
    }

    /**
     * A peering with another OVN network of this server; it becomes active once that network
     * peers back.
     *
     * @param name the peer name
     * @param targetProject the other network's project
     * @param targetNetwork the other network
     * @return the body
     */
    public static NetworkPeersPost local(String name, String targetProject, String targetNetwork) {
        return new NetworkPeersPost(name, "", Map.of(), "local", targetProject, targetNetwork, "");
    }

    /**
     * A peering through a network integration (OVN interconnection), API extension
     * {@code network_integrations}.
     *
     * @param name the peer name
     * @param targetIntegration the integration's name
     * @return the body
     */
    public static NetworkPeersPost remote(String name, String targetIntegration) {
        return new NetworkPeersPost(name, "", Map.of(), "remote", "", "", targetIntegration);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkPeersPost withDescription(String newDescription) {
        return new NetworkPeersPost(name, newDescription, config, type, targetProject, targetNetwork,
                targetIntegration);
    }

    /**
     * Returns a copy with one configuration key set.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkPeersPost withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkPeersPost(name, description, changed, type, targetProject, targetNetwork,
                targetIntegration);
    }
}
