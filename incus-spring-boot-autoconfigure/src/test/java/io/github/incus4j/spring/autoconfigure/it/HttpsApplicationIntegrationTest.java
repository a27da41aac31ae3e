package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.TestFiles;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Boot application on the real daemon's HTTPS API with mutual TLS, for each way of giving the
 * client certificate: PEM files, a PKCS12 keystore, an SSL bundle.
 */
@IncusIntegrationTest
class HttpsApplicationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void pemFilesAndAPinnedServerCertificate(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(),
                "incus.client-certificate=" + trusted.certificate(), "incus.client-key=" + trusted.privateKey(),
                "incus.server-certificate=" + daemon.serverCertificate())) {
            assertTrustedOverTls(app, daemon);
            assertHealthUp(app, daemon);
        }
    }

    @Test
    void aPkcs12Keystore(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(),
                "incus.client-keystore=" + trusted.keyStore(), "incus.client-keystore-type=PKCS12",
                "incus.client-keystore-password=" + trusted.keyStorePassword(),
                "incus.client-key-alias=" + trusted.keyAlias(),
                "incus.server-certificate=" + daemon.serverCertificate())) {
            assertTrustedOverTls(app, daemon);
            assertHealthUp(app, daemon);
        }
    }

    /** The bundle's truststore holds the self-signed server certificate, which then acts as its own CA. */
    @Test
    void anSslBundleForKeyMaterialAndTrust(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(), "incus.ssl.bundle=incus",
                "spring.ssl.bundle.pem.incus.keystore.certificate=" + trusted.certificate(),
                "spring.ssl.bundle.pem.incus.keystore.private-key=" + trusted.privateKey(),
                "spring.ssl.bundle.pem.incus.truststore.certificate=" + daemon.serverCertificate())) {
            assertTrustedOverTls(app, daemon);
            assertHealthUp(app, daemon);
        }
    }

    @Test
    void anSslBundleForKeyMaterialWithAPinnedServerCertificate(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(), "incus.ssl.bundle=incus",
                "incus.server-certificate=" + daemon.serverCertificate(),
                "spring.ssl.bundle.pem.incus.keystore.certificate=" + trusted.certificate(),
                "spring.ssl.bundle.pem.incus.keystore.private-key=" + trusted.privateKey(),
                "spring.ssl.bundle.pem.incus.truststore.certificate=" + TestFiles.path("tls/other-server.crt"))) {
            assertTrustedOverTls(app, daemon);
        }
    }

    @Test
    void anUntrustedCertificateIsDownWithTheFix(IncusDaemon daemon) {
        ClientCredentials stranger = daemon.newClientCredentials("stranger");
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(),
                "incus.client-certificate=" + stranger.certificate(), "incus.client-key=" + stranger.privateKey(),
                "incus.server-certificate=" + daemon.serverCertificate())) {
            HttpResponse<String> response = app.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(503);
            Map<String, Object> details = BootApp.json(response.body(), "$.components.incus.details");
            assertThat(details).containsEntry("reason", "untrusted").containsEntry("auth", "untrusted");
            assertThat((String) details.get("hint")).contains("incus config trust add-certificate");
        }
    }

    @Test
    void aWrongPinnedServerCertificateIsDownWithTheFix(IncusDaemon daemon) {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(),
                "incus.client-certificate=" + trusted.certificate(), "incus.client-key=" + trusted.privateKey(),
                "incus.server-certificate=" + TestFiles.path("tls/other-server.crt"))) {
            HttpResponse<String> response = app.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(503);
            Map<String, Object> details = BootApp.json(response.body(), "$.components.incus.details");
            assertThat(details).containsEntry("reason", "tls");
            assertThat((String) details.get("error")).contains("is not the pinned server certificate");
            assertThat((String) details.get("hint")).contains("incus.server-certificate");
        }
    }

    private static void assertTrustedOverTls(BootApp app, IncusDaemon daemon) {
        IncusClient client = app.bean(IncusClient.class);
        Server server = client.server().get().block(WAIT);
        assertThat(client.endpoint().describe()).isEqualTo(daemon.httpsUrl().toString());
        assertThat(server.isTrusted()).isTrue();
        assertThat(server.authUserMethod()).isEqualTo("tls");
    }

    private static void assertHealthUp(BootApp app, IncusDaemon daemon) {
        HttpResponse<String> response = app.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BootApp.<Map<String, Object>>json(response.body(), "$.components.incus.details"))
                .containsEntry("auth", "trusted")
                .containsEntry("serverVersion", daemon.version())
                .containsEntry("endpoint", daemon.httpsUrl().toString());
    }
}
