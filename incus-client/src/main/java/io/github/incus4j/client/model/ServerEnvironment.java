package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * Details of the host and daemon, part of {@link Server} for trusted clients.
 *
 * @param addresses the network addresses the server listens on
 * @param architectures the architectures it can run
 * @param certificate the server certificate (PEM)
 * @param certificateFingerprint the SHA-256 fingerprint of the certificate
 * @param driver the instance drivers, such as {@code lxc | qemu}
 * @param driverVersion their versions
 * @param firewall the firewall driver
 * @param kernel the kernel name
 * @param kernelArchitecture the kernel architecture
 * @param kernelFeatures kernel features and whether they are present
 * @param kernelVersion the kernel version
 * @param lxcFeatures LXC features and whether they are present
 * @param osName the host operating system
 * @param osVersion its version
 * @param project the project the request was made in
 * @param server always {@code incus}
 * @param serverClustered whether the server is part of a cluster
 * @param serverEventMode the event distribution mode of a cluster
 * @param serverName the server's name (the host name, or its cluster member name)
 * @param serverPid the daemon's process id
 * @param serverVersion the daemon's version, such as {@code 6.0.4}
 * @param storage the storage drivers in use
 * @param storageVersion their versions
 * @param extra fields this client version does not know
 */
public record ServerEnvironment(
        List<String> addresses,
        List<String> architectures,
        String certificate,
        String certificateFingerprint,
        String driver,
        String driverVersion,
        String firewall,
        String kernel,
        String kernelArchitecture,
        Map<String, String> kernelFeatures,
        String kernelVersion,
        Map<String, String> lxcFeatures,
        String osName,
        String osVersion,
        String project,
        String server,
        boolean serverClustered,
        String serverEventMode,
        String serverName,
        long serverPid,
        String serverVersion,
        String storage,
        String storageVersion,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param addresses the network addresses the server listens on
     * @param architectures the architectures it can run
     * @param certificate the server certificate (PEM)
     * @param certificateFingerprint the SHA-256 fingerprint of the certificate
     * @param driver the instance drivers, such as {@code lxc | qemu}
     * @param driverVersion their versions
     * @param firewall the firewall driver
     * @param kernel the kernel name
     * @param kernelArchitecture the kernel architecture
     * @param kernelFeatures kernel features and whether they are present
     * @param kernelVersion the kernel version
     * @param lxcFeatures LXC features and whether they are present
     * @param osName the host operating system
     * @param osVersion its version
     * @param project the project the request was made in
     * @param server always {@code incus}
     * @param serverClustered whether the server is part of a cluster
     * @param serverEventMode the event distribution mode of a cluster
     * @param serverName the server's name (the host name, or its cluster member name)
     * @param serverPid the daemon's process id
     * @param serverVersion the daemon's version, such as {@code 6.0.4}
     * @param storage the storage drivers in use
     * @param storageVersion their versions
     * @param extra fields this client version does not know
     */
    public ServerEnvironment {
        addresses = Wire.list(addresses);
        architectures = Wire.list(architectures);
        certificate = Wire.text(certificate);
        certificateFingerprint = Wire.text(certificateFingerprint);
        driver = Wire.text(driver);
        driverVersion = Wire.text(driverVersion);
        firewall = Wire.text(firewall);
        kernel = Wire.text(kernel);
        kernelArchitecture = Wire.text(kernelArchitecture);
        kernelFeatures = Wire.map(kernelFeatures);
        kernelVersion = Wire.text(kernelVersion);
        lxcFeatures = Wire.map(lxcFeatures);
        osName = Wire.text(osName);
        osVersion = Wire.text(osVersion);
        project = Wire.text(project);
        server = Wire.text(server);
        serverEventMode = Wire.text(serverEventMode);
        serverName = Wire.text(serverName);
        serverVersion = Wire.text(serverVersion);
        storage = Wire.text(storage);
        storageVersion = Wire.text(storageVersion);
        extra = Wire.map(extra);
    }
}
