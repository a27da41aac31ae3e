package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * A PEM SSL bundle with {@code reload-on-update}: when its files are replaced, new connections
 * present the new client certificate.
 */
@IncusIntegrationTest
class SslBundleReloadIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void newConnectionsUseTheCertificateOfTheReloadedBundle(IncusDaemon daemon) throws IOException {
        ClientCredentials stranger = daemon.newClientCredentials("rotating");
        Path certificate = directory.resolve("client.crt");
        Path key = directory.resolve("client.key");
        Files.copy(stranger.certificate(), certificate);
        Files.copy(stranger.privateKey(), key);

        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(), "incus.ssl.bundle=incus",
                "incus.server-certificate=" + daemon.serverCertificate(),
                "spring.ssl.bundle.pem.incus.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=200ms",
                "spring.ssl.bundle.pem.incus.keystore.certificate=" + certificate,
                "spring.ssl.bundle.pem.incus.keystore.private-key=" + key)) {
            IncusClient client = app.bean(IncusClient.class);
            assertThat(auths(client, 1)).containsExactly("untrusted");

            ClientCredentials trusted = daemon.trustedClient();
            replace(trusted.privateKey(), key);
            replace(trusted.certificate(), certificate);

            // The connection opened before the reload may serve one of the calls; every other call
            // needs a new connection, which must present the trusted certificate.
            await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(auths(client, 4)).contains("trusted"));
        }
    }

    private static List<String> auths(IncusClient client, int concurrentCalls) {
        return Flux.range(0, concurrentCalls).flatMap(call -> client.server().get().map(Server::auth))
                .collectList().block(WAIT);
    }

    /** Replaces a file in one step, so that the watcher never sees half a file. */
    private void replace(Path source, Path target) throws IOException {
        Path staged = Files.copy(source, directory.resolve(target.getFileName() + ".new"));
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
