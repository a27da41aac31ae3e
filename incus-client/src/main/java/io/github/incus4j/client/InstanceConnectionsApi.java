package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstancePortForwardPost;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Raw connections into one instance, reached with {@link InstancesApi#connections(String)}: its
 * file system over SFTP, its disks over NBD, and TCP ports inside it. Each is an HTTP upgrade
 * after which the connection carries that protocol's bytes ({@link UpgradedConnection}); pair it
 * with a client of the protocol, such as an SFTP client that works on a pair of streams (SFTP
 * without SSH: the daemon speaks SFTP version 3 straight away, with no SSH handshake).
 *
 * <pre>{@code
 * try (UpgradedConnection sftp = incus.instances().connections("web1").sftp().block()) {
 *     sftp.output().write(sftpInit);   // SSH_FXP_INIT, version 3
 *     ... sftp.input() ...            // SSH_FXP_VERSION, then the replies
 * }
 * }</pre>
 *
 * <p>These connections are opened on the client's Reactor Netty stack with its endpoint, TLS
 * material, timeouts and project, but not through its {@code WebClient}, so WebClient filters and
 * observations do not see them. Closing the client closes those still open.
 */
public final class InstanceConnectionsApi {

    private static final String ONE = "/1.0/instances/{name}";

    private final Calls calls;
    private final String instance;

    /**
     * Creates the API of one instance's raw connections.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceConnectionsApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
    }

    /**
     * Opens an SFTP connection to the instance's file system ({@code Upgrade: sftp}). On Incus
     * 6.0.4 it works for running and stopped containers alike (measured).
     *
     * @return the connection, speaking SFTP version 3; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/sftp")
    public Mono<UpgradedConnection> sftp() {
        return calls.upgrade(IncusRequest.get(ONE + "/sftp").path("name", "instance", instance).build(), "sftp");
    }

    /**
     * Opens an NBD connection to all of a virtual machine's disks, with an NBD server of its own;
     * see {@link #nbd(boolean)}.
     *
     * @return the connection, speaking the NBD protocol; the caller closes it
     */
    public Mono<UpgradedConnection> nbd() {
        return nbd(false);
    }

    /**
     * Opens an NBD connection to all of a virtual machine's disks ({@code Upgrade: nbd}; API
     * extension {@code instance_nbd}, not in Incus 6.0).
     *
     * @param reuse whether to share an NBD server already exported for the instance
     * @return the connection, speaking the NBD protocol; the caller closes it
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/nbd")
    public Mono<UpgradedConnection> nbd(boolean reuse) {
        IncusRequest.Builder request = IncusRequest.get(ONE + "/nbd").path("name", "instance", instance);
        if (reuse) {
            request.query("reuse", "1");
        }
        return calls.extensions().require("instance_nbd").then(calls.upgrade(request.build(), "nbd"));
    }

    /**
     * Connects to a TCP port inside the instance ({@code Upgrade: tcp}; API extension
     * {@code instance_port_forward}, not in Incus 6.0): the connection's bytes are the TCP
     * stream's.
     *
     * @param target the address and port inside the instance
     * @return the connection; the caller closes it
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/port-forward")
    public Mono<UpgradedConnection> portForward(InstancePortForwardPost target) {
        Names.required("target", target);
        Names.segment("target.address", target.address());
        if (target.port() <= 0 || target.port() > 65535) {
            throw new IllegalArgumentException("target.port must be between 1 and 65535, got " + target.port());
        }
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/port-forward").path("name", "instance", instance)
                .json(target).build();
        return calls.extensions().require("instance_port_forward").then(calls.upgrade(request, "tcp"));
    }
}
