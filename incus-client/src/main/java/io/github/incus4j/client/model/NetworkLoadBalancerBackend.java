package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * One backend of a network load balancer, which its ports name in {@code target_backend}.
 *
 * @param name the backend name
 * @param description a free-form description
 * @param targetAddress the address traffic is sent to, inside the network
 * @param targetPort the target ports, comma separated ranges; empty for the listen ports
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkLoadBalancerBackend(
        String name,
        String description,
        String targetAddress,
        String targetPort,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the backend name
     * @param description a free-form description
     * @param targetAddress the address traffic is sent to, inside the network
     * @param targetPort the target ports, comma separated ranges; empty for the listen ports
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkLoadBalancerBackend {
        name = Wire.text(name);
        description = Wire.text(description);
        targetAddress = Wire.text(targetAddress);
        targetPort = Wire.text(targetPort);
        extra = Wire.map(extra);
    }

    /**
     * A backend without description.
     *
     * @param name the backend name, such as {@code c1-http}
     * @param targetAddress the address traffic is sent to
     * @param targetPort the target ports, or empty for the listen ports
     * @return the backend
     */
    public static NetworkLoadBalancerBackend of(String name, String targetAddress, String targetPort) {
        return new NetworkLoadBalancerBackend(name, "", targetAddress, targetPort, Map.of());
    }
}
