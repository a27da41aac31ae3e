package io.github.incus4j.client.it;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;

/** The two ways a client reaches the throw-away daemon; integration tests run over both. */
enum Transport {

    /** The daemon's Unix socket. */
    UNIX_SOCKET {
        @Override
        IncusClientBuilder builder(IncusDaemon daemon) {
            return IncusClient.builder().unixSocket(daemon.socketPath());
        }
    },

    /** HTTPS on 127.0.0.1 with the trusted client certificate and the server certificate pinned. */
    HTTPS {
        @Override
        IncusClientBuilder builder(IncusDaemon daemon) {
            return https(daemon, daemon.trustedClient());
        }
    };

    abstract IncusClientBuilder builder(IncusDaemon daemon);

    IncusClient client(IncusDaemon daemon) {
        return builder(daemon).build();
    }

    static IncusClientBuilder https(IncusDaemon daemon, ClientCredentials credentials) {
        return IncusClient.builder()
                .url(daemon.httpsUrl().toString())
                .clientCertificate(credentials.certificate(), credentials.privateKey())
                .serverCertificate(daemon.serverCertificate());
    }

    /** A name no other test uses, so that tests can share one daemon. */
    static String uniqueName(String prefix) {
        return prefix + "-" + Long.toHexString(System.nanoTime()).substring(6) + "-"
                + Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000));
    }
}
