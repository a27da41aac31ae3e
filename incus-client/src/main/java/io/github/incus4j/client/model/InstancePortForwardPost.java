package io.github.incus4j.client.model;

/**
 * Where a port-forwarding connection goes inside an instance
 * ({@code POST /1.0/instances/{name}/port-forward}; API extension {@code instance_port_forward}).
 *
 * @param address the address to connect to inside the instance, such as {@code 127.0.0.1}
 * @param port the TCP port
 */
public record InstancePortForwardPost(String address, long port) {

    /**
     * Normalises a missing address.
     *
     * @param address the address to connect to inside the instance, such as {@code 127.0.0.1}
     * @param port the TCP port
     */
    public InstancePortForwardPost {
        address = Wire.text(address);
    }
}
