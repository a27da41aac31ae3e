package io.github.incus4j.client.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The runtime state of a network interface ({@code GET /1.0/networks/{name}/state}).
 *
 * @param state {@code up} or {@code down}
 * @param type the kernel type, such as {@code broadcast} or {@code loopback}
 * @param hwaddr the MAC address
 * @param mtu the MTU
 * @param addresses the addresses
 * @param counters traffic counters: {@code bytes_received}, {@code bytes_sent}, {@code packets_received}, {@code packets_sent}
 * @param bond bond details, {@code null} when it is none
 * @param bridge bridge details
 * @param vlan VLAN details
 * @param ovn OVN details
 */
public record NetworkState(
        String state,
        String type,
        String hwaddr,
        int mtu,
        List<NetworkAddress> addresses,
        Map<String, Long> counters,
        @Nullable Map<String, Object> bond,
        @Nullable Map<String, Object> bridge,
        @Nullable Map<String, Object> vlan,
        @Nullable Map<String, Object> ovn) {

    /**
     * Normalises missing fields.
     *
     * @param state {@code up} or {@code down}
     * @param type the kernel type, such as {@code broadcast} or {@code loopback}
     * @param hwaddr the MAC address
     * @param mtu the MTU
     * @param addresses the addresses
     * @param counters traffic counters: {@code bytes_received}, {@code bytes_sent}, {@code
     *     packets_received}, {@code packets_sent}
     * @param bond bond details, {@code null} when it is none
     * @param bridge bridge details
     * @param vlan VLAN details
     * @param ovn OVN details
     */
    public NetworkState {
        state = Wire.text(state);
        type = Wire.text(type);
        hwaddr = Wire.text(hwaddr);
        addresses = Wire.list(addresses);
        counters = Wire.map(counters);
    }
}
