package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * One port rule of a network load balancer: traffic to {@code listenPort} is spread over the
 * named backends.
 *
 * @param description a free-form description
 * @param protocol {@code tcp} or {@code udp}
 * @param listenPort the ports, comma separated ranges such as {@code 80,8080-8090}
 * @param targetBackend the names of the backends traffic is spread over
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkLoadBalancerPort(
        String description,
        String protocol,
        String listenPort,
        List<String> targetBackend,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param protocol {@code tcp} or {@code udp}
     * @param listenPort the ports, comma separated ranges such as {@code 80,8080-8090}
     * @param targetBackend the names of the backends traffic is spread over
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkLoadBalancerPort {
        description = Wire.text(description);
        protocol = Wire.text(protocol);
        listenPort = Wire.text(listenPort);
        targetBackend = Wire.list(targetBackend);
        extra = Wire.map(extra);
    }

    /**
     * A port rule without description.
     *
     * @param protocol {@code tcp} or {@code udp}
     * @param listenPort the ports, such as {@code 80}
     * @param targetBackend the backend names
     * @return the rule
     */
    public static NetworkLoadBalancerPort of(String protocol, String listenPort, List<String> targetBackend) {
        return new NetworkLoadBalancerPort("", protocol, listenPort, targetBackend, Map.of());
    }
}
