package io.github.incus4j.client.model;

/**
 * An address of a network interface.
 *
 * @param family {@code inet} or {@code inet6}
 * @param address the address
 * @param netmask the prefix length
 * @param scope {@code global}, {@code link} or {@code local}
 */
public record NetworkAddress(
        String family,
        String address,
        String netmask,
        String scope) {

    /**
     * Normalises missing fields.
     *
     * @param family {@code inet} or {@code inet6}
     * @param address the address
     * @param netmask the prefix length
     * @param scope {@code global}, {@code link} or {@code local}
     */
    public NetworkAddress {
        family = Wire.text(family);
        address = Wire.text(address);
        netmask = Wire.text(netmask);
        scope = Wire.text(scope);
    }
}
