package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.TestFiles;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Boot application on the real daemon's HTTPS API with mutual TLS, for each way of giving the
 * client certificate: PEM files, inline PEM, classpath: resources with an encrypted key, a PKCS12
 * keystore, an SSL bundle.
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

    /**
     * Inline PEM, as a Kubernetes secret in an environment variable gives it; the client
     * certificate then shows in Spring Boot's ssl health.
     */
    @Test
    void inlinePem(IncusDaemon daemon) throws IOException {
        ClientCredentials trusted = daemon.trustedClient();
        try (BootApp app = BootApp.start("incus.url=" + daemon.httpsUrl(),
                "incus.client-certificate=" + Files.readString(trusted.certificate()),
                "incus.client-key=" + Files.readString(trusted.privateKey()),
                "incus.server-certificate=" + Files.readString(daemon.serverCertificate()))) {
            assertTrustedOverTls(app, daemon);
            assertHealthUp(app, daemon);
            String health = app.get("/actuator/health").body();
            assertThat(BootApp.<String>json(health, "$.components.ssl.status")).isEqualTo("UP");
            assertThat(BootApp.<List<String>>json(health, "$.components.ssl.details.validChains[*].alias"))
                    .contains("incus");
        }
    }

    /** classpath: locations, and a key encrypted with a password. */
    @Test
    void classpathResourcesAndAnEncryptedKey(IncusDaemon daemon, @TempDir Path classes) throws Exception {
        ClientCredentials trusted = daemon.trustedClient();
        Path resources = Files.createDirectories(classes.resolve("incus"));
        Files.copy(trusted.certificate(), resources.resolve("client.crt"));
        Files.copy(daemon.serverCertificate(), resources.resolve("server.crt"));
        String password = "it-key-password";
        encrypt(trusted.privateKey(), resources.resolve("client.key"), password);
        assertThat(Files.readString(resources.resolve("client.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader());
                BootApp app = BootApp.startWith(loader, "incus.url=" + daemon.httpsUrl(),
                        "incus.client-certificate=classpath:incus/client.crt",
                        "incus.client-key=classpath:incus/client.key", "incus.client-key-password=" + password,
                        "incus.server-certificate=classpath:incus/server.crt")) {
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

    /** Encrypts a PEM key as PKCS#8 (PBES2, AES-256), as 'openssl pkcs8 -topk8' does for users. */
    private static void encrypt(Path key, Path encrypted, String password) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", key.toString(),
                "-out", encrypted.toString(), "-passout", "pass:" + password).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes())).isZero();
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
