package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.WireMockIncus;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.client.model.ServerPut;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /1.0} on a real daemon: trusted and untrusted views, TLS pinning, server ETags. */
@IncusIntegrationTest
class ServerIntegrationTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTrustedClientSeesTheWholeServer(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon)) {
            Server server = client.server().get().block();

            assertThat(server.isTrusted()).isTrue();
            assertThat(server.apiVersion()).isEqualTo("1.0");
            assertThat(server.apiExtensions()).contains("instances", "projects");
            assertThat(server.environment()).isNotNull();
            assertThat(server.environment().serverVersion()).isEqualTo(daemon.version());
            assertThat(server.environment().certificate()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(server.authUserMethod()).isEqualTo(transport == Transport.HTTPS ? "tls" : "unix");
        }
    }

    // Incus 7.3 also hides api_extensions from untrusted clients; 6.0 still lists them, so that
    // is not asserted here.
    @Test
    void anUntrustedCertificateSeesThePublicViewAndIsForbiddenElsewhere(IncusDaemon daemon) {
        ClientCredentials stranger = daemon.newClientCredentials("stranger");
        try (IncusClient client = Transport.https(daemon, stranger).build()) {
            Server server = client.server().get().block();

            assertThat(server.auth()).isEqualTo("untrusted");
            assertThat(server.isTrusted()).isFalse();
            assertThat(server.environment()).isNull();
            assertThat(server.authMethods()).contains("tls");
            assertThatThrownBy(() -> client.instances().listNames().block())
                    .isInstanceOfSatisfying(IncusForbiddenException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("incus config trust add-certificate");
                    });
        }
    }

    @Test
    void aClientWithoutCertificateIsUntrusted(IncusDaemon daemon) {
        try (IncusClient client = IncusClient.builder().url(daemon.httpsUrl().toString())
                .serverCertificate(daemon.serverCertificate()).build()) {
            assertThat(client.server().get().block().isTrusted()).isFalse();
            assertThat(client.server().getPublic().block().auth()).isEqualTo("untrusted");
        }
    }

    @Test
    void aWrongPinnedServerCertificateIsRefused(IncusDaemon daemon) {
        try (IncusClient client = IncusClient.builder().url(daemon.httpsUrl().toString())
                .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                .serverCertificate(WireMockIncus.resource("tls/other-server.crt")).build()) {
            assertThatThrownBy(() -> client.server().get().block())
                    .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                        assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS);
                        assertThat(e.getMessage()).contains("is not the pinned server certificate");
                    });
        }
    }

    @Test
    void serverConfigurationIsUpdatedWithItsEtagAndAStaleEtagIsRefused(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            ETagged<Server> before = client.server().getWithEtag().block();
            assertThat(before.etag()).isNotBlank();

            client.server().patch(new ServerPut(Map.of("user.incus4j-test", "1"), null), before.etag()).block();
            assertThatThrownBy(() -> client.server().update(before.value().toPut(), before.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);

            Server after = client.server().get().block();
            assertThat(after.config()).containsEntry("user.incus4j-test", "1")
                    .containsKey("core.https_address");
            client.server().patch(new ServerPut(Map.of("user.incus4j-test", ""), null), null).block();
        }
    }
}
