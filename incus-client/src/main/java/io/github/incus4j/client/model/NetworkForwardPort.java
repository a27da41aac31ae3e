package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * One port rule of a network forward: traffic to the forward's listen address on
 * {@code listenPort} goes to {@code targetAddress}, on {@code targetPort} when it is given.
 *
 * @param description a free-form description
 * @param protocol {@code tcp} or {@code udp}
 * @param listenPort the ports, comma separated ranges such as {@code 80,8080-8090}
 * @param targetPort the target ports, the same shape; empty for the listen ports
 * @param targetAddress the address traffic is sent to, inside the network
 * @param snat whether a matching SNAT rule is applied to new outgoing traffic from the target
 *     (newer daemons; {@code false} when absent)
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkForwardPort(
        String description,
        String protocol,
        String listenPort,
        String targetPort,
        String targetAddress,
        boolean snat,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param protocol {@code tcp} or {@code udp}
     * @param listenPort the ports, comma separated ranges such as {@code 80,8080-8090}
     * @param targetPort the target ports, the same shape; empty for the listen ports
     * @param targetAddress the address traffic is sent to, inside the network
     * @param snat whether a matching SNAT rule is applied to new outgoing traffic from the target
     *     (newer daemons; {@code false} when absent)
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkForwardPort {
        description = Wire.text(description);
        protocol = Wire.text(protocol);
        listenPort = Wire.text(listenPort);
        targetPort = Wire.text(targetPort);
        targetAddress = Wire.text(targetAddress);
        extra = Wire.map(extra);
    }

    /**
     * A port rule with the same target ports as listen ports and nothing else set.
     *
     * @param protocol {@code tcp} or {@code udp}
     * @param listenPort the ports, such as {@code 80} or {@code 8000-8080}
     * @param targetAddress the address traffic is sent to
     * @return the rule
     */
    public static NetworkForwardPort of(String protocol, String listenPort, String targetAddress) {
        return new NetworkForwardPort("", protocol, listenPort, "", targetAddress, false, Map.of());
    }

    /**
     * Returns a copy that sends traffic to other ports.
     *
     * @param newTargetPort the target ports, such as {@code 8080}
     * @return the changed copy
     */
    public NetworkForwardPort withTargetPort(String newTargetPort) {
        return new NetworkForwardPort(description, protocol, listenPort, newTargetPort, targetAddress, snat, extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkForwardPort withDescription(String newDescription) {
        return new NetworkForwardPort(newDescription, protocol, listenPort, targetPort, targetAddress, snat, extra);
    }
}
