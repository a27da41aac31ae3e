package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One address in use, as {@code GET /1.0/network-allocations} reports it (the specification's
 * {@code NetworkAllocations}).
 *
 * @param address the address in CIDR form, such as {@code 192.0.2.1/24} (the wire field is
 *     {@code addresses})
 * @param usedBy the URL of the object that uses it
 * @param type what uses it: {@code network}, {@code network-forward}, {@code load-balancer} or
 *     {@code instance}
 * @param nat whether it comes from a network that applies egress source NAT
 * @param hwaddr the MAC address of the object that uses it, if any
 * @param network the network it belongs to (API extension {@code network_allocations_network};
 *     empty from daemons without it, such as Incus 6.0)
 * @param extra fields this client version does not know
 */
public record NetworkAllocation(
        @JsonProperty("addresses") String address,
        String usedBy,
        String type,
        boolean nat,
        String hwaddr,
        String network,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param address the address in CIDR form, such as {@code 192.0.2.1/24} (the wire field is {@code
     *     addresses})
     * @param usedBy the URL of the object that uses it
     * @param type what uses it: {@code network}, {@code network-forward}, {@code load-balancer} or
     *     {@code instance}
     * @param nat whether it comes from a network that applies egress source NAT
     * @param hwaddr the MAC address of the object that uses it, if any
     * @param network the network it belongs to (API extension {@code network_allocations_network};
     *     empty from daemons without it, such as Incus 6.0)
     * @param extra fields this client version does not know
     */
    public NetworkAllocation {
        address = Wire.text(address);
        usedBy = Wire.text(usedBy);
        type = Wire.text(type);
        hwaddr = Wire.text(hwaddr);
        network = Wire.text(network);
        extra = Wire.map(extra);
    }
}
