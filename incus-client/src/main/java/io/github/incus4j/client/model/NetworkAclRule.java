package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * One rule of a network ACL. Empty fields match anything.
 *
 * @param action {@code allow}, {@code allow-stateless}, {@code drop} or {@code reject}
 * @param state {@code enabled}, {@code disabled} or {@code logged}
 * @param description a free-form description
 * @param source source addresses, ranges, subnets or selectors, comma separated
 * @param destination destination addresses, comma separated
 * @param protocol {@code tcp}, {@code udp}, {@code icmp4}, {@code icmp6} or empty
 * @param sourcePort source ports or ranges (TCP/UDP)
 * @param destinationPort destination ports or ranges (TCP/UDP)
 * @param icmpType the ICMP type
 * @param icmpCode the ICMP code
 * @param extra fields this client version does not know
 */
public record NetworkAclRule(
        String action,
        String state,
        String description,
        String source,
        String destination,
        String protocol,
        String sourcePort,
        String destinationPort,
        String icmpType,
        String icmpCode,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param action {@code allow}, {@code allow-stateless}, {@code drop} or {@code reject}
     * @param state {@code enabled}, {@code disabled} or {@code logged}
     * @param description a free-form description
     * @param source source addresses, ranges, subnets or selectors, comma separated
     * @param destination destination addresses, comma separated
     * @param protocol {@code tcp}, {@code udp}, {@code icmp4}, {@code icmp6} or empty
     * @param sourcePort source ports or ranges (TCP/UDP)
     * @param destinationPort destination ports or ranges (TCP/UDP)
     * @param icmpType the ICMP type
     * @param icmpCode the ICMP code
     * @param extra fields this client version does not know
     */
    public NetworkAclRule {
        action = Wire.text(action);
        state = Wire.text(state);
        description = Wire.text(description);
        source = Wire.text(source);
        destination = Wire.text(destination);
        protocol = Wire.text(protocol);
        sourcePort = Wire.text(sourcePort);
        destinationPort = Wire.text(destinationPort);
        icmpType = Wire.text(icmpType);
        icmpCode = Wire.text(icmpCode);
        extra = Wire.map(extra);
    }

    /**
     * An enabled rule for a protocol and destination port, with everything else empty.
     *
     * @param action {@code allow}, {@code drop} or {@code reject}
     * @param protocol {@code tcp} or {@code udp}
     * @param destinationPort the port or range, such as {@code 22} or {@code 8000-8080}
     * @return the rule
     */
    public static NetworkAclRule of(String action, String protocol, String destinationPort) {
        return new NetworkAclRule(action, "enabled", "", "", "", protocol, "", destinationPort, "", "", Map.of());
    }
}
