package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * New connections use reloaded key and trust material, and never resume a TLS session made with
 * the old material.
 */
class ReloadableTlsMaterialTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private ClientIdentityServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new ClientIdentityServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void aNewConnectionPresentsTheNewCertificateInsteadOfResumingTheOldSession() {
        ReloadableTlsMaterial material = new ReloadableTlsMaterial(keys("ec"), null);
        try (IncusClient client = client(material)) {
            assertThat(identity(client)).isEqualTo("incus4j-test-client");
            assertThat(identity(client)).isEqualTo("incus4j-test-client");

            material.update(keys("rsa"), null);

            assertThat(identity(client)).isEqualTo("incus4j-test-rsa");
            assertThat(identity(client)).isEqualTo("incus4j-test-rsa");
            assertThat(server.connections()).isEqualTo(4);
        }
    }

    @Test
    void newConnectionsCheckTheServerWithTheNewTrust() {
        ReloadableTlsMaterial material = new ReloadableTlsMaterial(keys("ec"),
                trust("other-server"));
        try (IncusClient client = IncusClient.builder().url("https://127.0.0.1:" + server.port())
                .keyManagers(material.keyManagerFactory()).trustManagers(material.trustManagerFactory()).build()) {
            assertThatThrownBy(() -> identity(client)).isInstanceOfSatisfying(IncusConnectionException.class,
                    e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS));

            material.update(keys("ec"), trust("server"));

            assertThat(identity(client)).isEqualTo("incus4j-test-client");
        }
    }

    @Test
    void theAutoConfiguredClientFollowsAnUpdatedSslBundle() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class))
                .withPropertyValues("incus.url=https://127.0.0.1:" + server.port(), "incus.ssl.bundle=incus",
                        "spring.ssl.bundle.pem.incus.keystore.certificate=" + TestFiles.path("tls/ec.crt"),
                        "spring.ssl.bundle.pem.incus.keystore.private-key=" + TestFiles.path("tls/ec-pkcs8.key"),
                        "spring.ssl.bundle.pem.incus.truststore.certificate=" + TestFiles.path("tls/server.crt"))
                .run(context -> {
                    IncusClient client = context.getBean(IncusClient.class);
                    assertThat(identity(client)).isEqualTo("incus4j-test-client");

                    context.getBean(SslBundleRegistry.class).updateBundle("incus", SslBundle.of(new PemSslStoreBundle(
                            new PemSslStoreDetails(null, TestFiles.path("tls/rsa.crt"),
                                    TestFiles.path("tls/rsa-pkcs8.key")),
                            PemSslStoreDetails.forCertificate(TestFiles.path("tls/server.crt")))));

                    assertThat(identity(client)).isEqualTo("incus4j-test-rsa");
                });
    }

    @Test
    void aPinnedServerCertificateTakesPrecedenceOverTheBundlesTrust() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class))
                .withPropertyValues("incus.url=https://127.0.0.1:" + server.port(), "incus.ssl.bundle=incus",
                        "incus.server-certificate=" + TestFiles.path("tls/server.crt"),
                        "spring.ssl.bundle.pem.incus.keystore.certificate=" + TestFiles.path("tls/ec.crt"),
                        "spring.ssl.bundle.pem.incus.keystore.private-key=" + TestFiles.path("tls/ec-pkcs8.key"),
                        "spring.ssl.bundle.pem.incus.truststore.certificate=" + TestFiles.path("tls/other-server.crt"))
                .run(context -> assertThat(identity(context.getBean(IncusClient.class)))
                        .isEqualTo("incus4j-test-client"));
    }

    private IncusClient client(ReloadableTlsMaterial material) {
        return IncusClient.builder().url("https://127.0.0.1:" + server.port())
                .keyManagers(material.keyManagerFactory())
                .serverCertificate(TestFiles.resource("tls/server.crt")).build();
    }

    private static String identity(IncusClient client) {
        return client.server().get().block(WAIT).authUserName();
    }

    /** Key material read the way the starter reads PEM properties: through Spring Boot's PEM store. */
    private static KeyManagerFactory keys(String name) {
        return SslBundle.of(new PemSslStoreBundle(PemSslStoreDetails.forCertificate(location(name + ".crt"))
                .withPrivateKey(location(name + "-pkcs8.key")), null)).getManagers().getKeyManagerFactory();
    }

    private static TrustManagerFactory trust(String certificate) {
        return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(location(certificate + ".crt"))))
                .getManagers().getTrustManagerFactory();
    }

    private static String location(String file) {
        return "file:" + TestFiles.resource("tls/" + file);
    }
}
