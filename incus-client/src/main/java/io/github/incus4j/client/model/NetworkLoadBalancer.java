package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A network load balancer: an address whose traffic Incus spreads over backends inside the
 * network ({@code GET /1.0/networks/{networkName}/load-balancers/{listenAddress}}).
 *
 * @param listenAddress the listen address, its key
 * @param description a free-form description
 * @param config the configuration keys
 * @param backends the backends
 * @param ports the port rules
 * @param location the cluster member it was found on, empty on a standalone server
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record NetworkLoadBalancer(
        String listenAddress,
        String description,
        Map<String, String> config,
        List<NetworkLoadBalancerBackend> backends,
        List<NetworkLoadBalancerPort> ports,
        String location,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param listenAddress the listen address, its key
     * @param description a free-form description
     * @param config the configuration keys
     * @param backends the backends
     * @param ports the port rules
     * @param location the cluster member it was found on, empty on a standalone server
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public NetworkLoadBalancer {
        listenAddress = Wire.text(listenAddress);
        description = Wire.text(description);
        config = Wire.map(config);
        backends = Wire.list(backends);
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
    public NetworkLoadBalancerPut toPut() {
        return new NetworkLoadBalancerPut(description, config, backends, ports, extra);
    }
}
