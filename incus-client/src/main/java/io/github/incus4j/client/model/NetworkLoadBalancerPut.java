package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writable part of a network load balancer, also the body of a creation together with its key.
 *
 * @param description a free-form description
 * @param config the configuration keys, such as {@code healthcheck}
 * @param backends the backends
 * @param ports the port rules
 * @param extra fields this client version does not know, written back unchanged
 */
public record NetworkLoadBalancerPut(
        String description,
        Map<String, String> config,
        List<NetworkLoadBalancerBackend> backends,
        List<NetworkLoadBalancerPort> ports,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param config the configuration keys, such as {@code healthcheck}
     * @param backends the backends
     * @param ports the port rules
     * @param extra fields this client version does not know, written back unchanged
     */
    public NetworkLoadBalancerPut {
        description = Wire.text(description);
        config = Wire.map(config);
        backends = Wire.list(backends);
        ports = Wire.list(ports);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public NetworkLoadBalancerPut withDescription(String newDescription) {
        return new NetworkLoadBalancerPut(newDescription, config, backends, ports, extra);
    }

    /**
     * Returns a copy with one configuration key set; on {@code PUT} an absent key is unset.
     *
     * @param key the configuration key
     * @param value its value
     * @return the changed copy
     */
    public NetworkLoadBalancerPut withConfig(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.put(key, value);
        return new NetworkLoadBalancerPut(description, changed, backends, ports, extra);
    }

    /**
     * Returns a copy without one configuration key.
     *
     * @param key the configuration key
     * @return the changed copy
     */
    public NetworkLoadBalancerPut withoutConfig(String key) {
        Map<String, String> changed = new LinkedHashMap<>(config);
        changed.remove(key);
        return new NetworkLoadBalancerPut(description, changed, backends, ports, extra);
    }

    /**
     * Returns a copy with other backends; on {@code PUT} the list replaces the current one.
     *
     * @param newBackends the backends
     * @return the changed copy
     */
    public NetworkLoadBalancerPut withBackends(List<NetworkLoadBalancerBackend> newBackends) {
        return new NetworkLoadBalancerPut(description, config, newBackends, ports, extra);
    }

    /**
     * Returns a copy with other port rules; on {@code PUT} the list replaces the current one.
     *
     * @param newPorts the port rules
     * @return the changed copy
     */
    public NetworkLoadBalancerPut withPorts(List<NetworkLoadBalancerPort> newPorts) {
        return new NetworkLoadBalancerPut(description, config, backends, newPorts, extra);
    }

    /**
     * An empty writable part: no description, no configuration.
     *
     * @return the empty value
     */
    public static NetworkLoadBalancerPut empty() {
        return new NetworkLoadBalancerPut("", Map.of(), List.of(), List.of(), Map.of());
    }
}
