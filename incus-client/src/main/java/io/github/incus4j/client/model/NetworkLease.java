package io.github.incus4j.client.model;

/**
 * A DHCP lease or static allocation on a managed network.
 *
 * @param hostname the host name
 * @param hwaddr the MAC address
 * @param address the address
 * @param type {@code static} or {@code dynamic}
 * @param location the cluster member
 * @param project the project it belongs to
 */
public record NetworkLease(
        String hostname,
        String hwaddr,
        String address,
        String type,
        String location,
        String project) {

    /**
     * Normalises missing fields.
     *
     * @param hostname the host name
     * @param hwaddr the MAC address
     * @param address the address
     * @param type {@code static} or {@code dynamic}
     * @param location the cluster member
     * @param project the project it belongs to
     */
    public NetworkLease {
        hostname = Wire.text(hostname);
        hwaddr = Wire.text(hwaddr);
        address = Wire.text(address);
        type = Wire.text(type);
        location = Wire.text(location);
        project = Wire.text(project);
    }
}
