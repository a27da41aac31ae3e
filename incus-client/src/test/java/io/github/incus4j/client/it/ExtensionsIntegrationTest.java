package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** API extensions as a real daemon lists them. */
@IncusIntegrationTest
class ExtensionsIntegrationTest {

    @Test
    void extensionsAreReadFromTheServer(IncusDaemon daemon) {
        try (IncusClient client = Transport.HTTPS.client(daemon)) {
            assertThat(client.extensions().list().block()).contains("projects", "network_acl", "api_filtering");
            assertThat(client.extensions().has("projects").block()).isTrue();
            assertThat(client.project("default").extensions().has("no_such_extension").block()).isFalse();
            StepVerifier.create(client.extensions().require("projects")).verifyComplete();
            StepVerifier.create(client.extensions().require("no_such_extension"))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IncusUnsupportedException.class)
                            .hasMessageContaining("'no_such_extension'")
                            .hasMessageContaining("Incus " + daemon.version()))
                    .verify();
        }
    }

    // Incus 6.0 LTS lists api_extensions to untrusted clients too (7.x sends an empty list).
    @Test
    void anUntrustedClientCanStillCheckExtensionsOnIncus60(IncusDaemon daemon) {
        try (IncusClient client = Transport.https(daemon, daemon.newClientCredentials("ext-stranger")).build()) {
            boolean listed = client.extensions().has("projects").block();
            if (daemon.version().startsWith("6.0")) {
                assertThat(listed).isTrue();
            } else {
                assertThat(client.server().get().block().apiExtensions().contains("projects")).isEqualTo(listed);
            }
        }
    }
}
