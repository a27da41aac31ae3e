package io.github.incus4j.client.it;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusCluster;
import java.util.Arrays;

/** Clients of the test cluster, the way a user connects to one. */
final class ClusterClients {

    private ClusterClients() {
    }

    /**
     * A client over HTTPS to the given members, in that order, with the trusted client certificate
     * and the cluster's one certificate pinned (every member serves it, whatever its address).
     */
    static IncusClient https(IncusCluster cluster, IncusCluster.Member... members) {
        ClientCredentials credentials = cluster.trustedClient();
        return IncusClient.builder()
                .urls(Arrays.stream(members).map(member -> member.httpsUrl().toString()).toList())
                .clientCertificate(credentials.certificate(), credentials.privateKey())
                .serverCertificate(cluster.certificate())
                .build();
    }

    /** A client over one member's Unix socket. */
    static IncusClient unixSocket(IncusCluster.Member member) {
        return IncusClient.builder().unixSocket(member.socketPath()).build();
    }
}
