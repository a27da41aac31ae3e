package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusDaemon;

/** The clients the cases measure, built the same way everywhere. */
final class Clients {

    private Clients() {
    }

    /** A client of the daemon's Unix socket with the default settings. */
    static IncusClient unixSocket(IncusDaemon daemon) {
        return IncusClient.builder().unixSocket(daemon.socketPath()).build();
    }

    /** A client of the daemon's HTTPS address with the trusted client certificate and the server's pinned. */
    static IncusClient https(IncusDaemon daemon) {
        return IncusClient.builder().url(daemon.httpsUrl().toString())
                .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                .serverCertificate(daemon.serverCertificate()).build();
    }
}
