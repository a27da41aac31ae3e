package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A network forward: an address on the network's uplink side whose traffic Incus forwards to
 * addresses inside the network ({@code GET /1.0/networks/{networkName}/forwards/{listenAddress}}).
 *
 * @param listenAddress the listen address, its key
 * @param description a free-form description
 * @param config the configuration keys, such as {@code target_address}
 * @param ports the port rules
 * @param location the cluster member it was found on, empty on a standalone server
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkForward(
        String listenAddress,
        String description,
        Map<String, String> config,
        List<NetworkForwardPort> ports,
        String location,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param listenAddress the listen address, its key
     * @param description a free-form description
     * @param config the configuration keys, such as {@code target_address}
     * @param ports the port rules
     * @param location the cluster member it was found on, empty on a standalone server
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkForward {
        listenAddress = Wire.text(listenAddress);
        description = Wire.text(description);
        config = Wire.map(config);
        ports = Wire.list(ports);
        location = Wire.text(location);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkForwardPut toPut() {
        return new NetworkForwardPut(description, config, ports, extra);
    }
}
