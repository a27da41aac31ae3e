package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * The current state of a network load balancer
 * ({@code GET /1.0/networks/{networkName}/load-balancers/{listenAddress}/state}, API extension
 * {@code network_load_balancer_state}).
 *
 * @param backendHealth the health of each backend, by backend name
 * @param extra fields this client version does not know
 */
public record NetworkLoadBalancerState(
        Map<String, BackendHealth> backendHealth,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param backendHealth the health of each backend, by backend name
     * @param extra fields this client version does not know
     */
    public NetworkLoadBalancerState {
        backendHealth = Wire.map(backendHealth);
        extra = Wire.map(extra);
    }

    /**
     * The health of one backend.
     *
     * @param address the backend's target address
     * @param ports the health of each of its ports
     */
    public record BackendHealth(String address, List<PortHealth> ports) {

        /**
         * Normalises missing fields.
         *
         * @param address the backend's target address
         * @param ports the health of each of its ports
         */
        public BackendHealth {
            address = Wire.text(address);
            ports = Wire.list(ports);
        }
    }

    /**
     * The health of one port of a backend.
     *
     * @param port the port number
     * @param protocol {@code tcp} or {@code udp}
     * @param status the health check's verdict
     */
    public record PortHealth(int port, String protocol, String status) {

        /**
         * Normalises missing fields.
         *
         * @param port the port number
         * @param protocol {@code tcp} or {@code udp}
         * @param status the health check's verdict
         */
        public PortHealth {
            protocol = Wire.text(protocol);
            status = Wire.text(status);
        }
    }
}
