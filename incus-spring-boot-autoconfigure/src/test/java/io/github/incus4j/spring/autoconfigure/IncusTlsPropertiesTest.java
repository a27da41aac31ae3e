package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.SslInfo;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Certificates, keys and keystores the Spring Boot way: locations ({@code classpath:}, {@code file:},
 * paths) or inline PEM, encrypted keys, and SSL bundle options and key aliases honoured, each
 * checked by which client certificate a real TLS server sees.
 */
class IncusTlsPropertiesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String EC_IDENTITY = "incus4j-test-client";
    private static final String RSA_IDENTITY = "incus4j-test-rsa";

    @TempDir
    static Path directory;

    private static ClientIdentityServer tls13;
    private static ClientIdentityServer tls12;
    private static Path twoKeys;
    private static Path keyPasswordStore;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusHealthContributorAutoConfiguration.class, SslHealthContributorAutoConfiguration.class));

    @BeforeAll
    static void servers() throws Exception {
        tls13 = new ClientIdentityServer();
        tls12 = new ClientIdentityServer("TLSv1.2");
        twoKeys = keyStore("two-keys.p12", "PKCS12", "changeit", "changeit",
                Map.of("client", "ec", "other", "rsa"));
        keyPasswordStore = keyStore("key-password.jks", "JKS", "changeit", "key-secret", Map.of("ec", "ec"));
    }

    @AfterAll
    static void stop() throws Exception {
        tls13.close();
        tls12.close();
    }

    @Test
    void pemFromClasspathLocations() {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    @Test
    void pemFromFileUrlsAndPlainPaths() {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=file:" + TestFiles.path("tls/rsa.crt"),
                "incus.client-key=" + TestFiles.path("tls/rsa-pkcs8.key"),
                "incus.server-certificate=" + TestFiles.path("tls/server.crt"))
                .run(context -> assertThat(identity(context)).isEqualTo(RSA_IDENTITY));
    }

    /** As from environment variables holding Kubernetes secrets. */
    @Test
    void inlinePemContent() throws Exception {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=" + text("tls/ec.crt"),
                "incus.client-key=" + text("tls/ec-pkcs8.key"), "incus.server-certificate=" + text("tls/server.crt"))
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    /** The incus command line writes its client.key as SEC1 ("EC PRIVATE KEY"); OpenSSL may write PKCS#1 RSA. */
    @Test
    void sec1AndPkcs1Keys() {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-sec1.key", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/rsa.crt",
                "incus.client-key=classpath:tls/rsa-pkcs1.key", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(RSA_IDENTITY));
    }

    @Test
    void anEncryptedKeyWithItsPassword() throws Exception {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=" + text("tls/ec-pkcs8-encrypted.key"), "incus.client-key-password=key-secret",
                "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    @Test
    void authoritiesInlineVerifyTheServer() throws Exception {
        // server.crt is self-signed with SAN IP 127.0.0.1, so it is its own authority.
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.certificate-authorities=" + text("tls/server.crt"))
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.certificate-authorities=classpath:tls/other-server.crt")
                .run(context -> assertThat(failure(context)).isInstanceOfSatisfying(IncusConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS)));
    }

    @Test
    void aKeystoreFromTheClasspathWithItsAlias() {
        runner.withPropertyValues(url(tls13), "incus.client-keystore=classpath:tls/ec.p12",
                "incus.client-keystore-password=changeit", "incus.client-key-alias=client",
                "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    @Test
    void theKeyAliasChoosesAmongSeveralKeyEntries() {
        runner.withPropertyValues(url(tls13), "incus.client-keystore=" + twoKeys,
                "incus.client-keystore-password=changeit", "incus.client-key-alias=other",
                "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(RSA_IDENTITY));
    }

    /** Rather than present whichever the JDK picks. */
    @Test
    void severalKeyEntriesWithoutAnAliasAreRefused() {
        runner.withPropertyValues(url(tls13), "incus.client-keystore=" + twoKeys,
                "incus.client-keystore-password=changeit", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("from incus.client-key-alias.")
                            .contains("has 2 key entries [");
                    assertThat(analysis.getAction()).contains("Set incus.client-key-alias to the one holding the client "
                            + "certificate");
                });
    }

    @Test
    void aKeyEntryWithItsOwnPassword() {
        runner.withPropertyValues(url(tls13), "incus.client-keystore=file:" + keyPasswordStore,
                "incus.client-keystore-type=JKS", "incus.client-keystore-password=changeit",
                "incus.client-key-password=key-secret", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    /** Spring Boot's own key managers apply a bundle's key alias only when they serve; the client applies it too. */
    @Test
    void theKeyAliasOfAnSslBundleChoosesTheClientCertificate() {
        runner.withPropertyValues(url(tls13), "incus.ssl.bundle=incus", "incus.server-certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.jks.incus.keystore.location=" + twoKeys,
                "spring.ssl.bundle.jks.incus.keystore.password=changeit", "spring.ssl.bundle.jks.incus.key.alias=other")
                .run(context -> assertThat(identity(context)).isEqualTo(RSA_IDENTITY));
        runner.withPropertyValues(url(tls13), "incus.ssl.bundle=incus", "incus.server-certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.jks.incus.keystore.location=" + twoKeys,
                "spring.ssl.bundle.jks.incus.keystore.password=changeit", "spring.ssl.bundle.jks.incus.key.alias=client")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    @Test
    void anSslBundleThatEnablesTls12ReachesATls12Server() {
        String[] bundle = {url(tls12), "incus.ssl.bundle=incus", "incus.server-certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.pem.incus.keystore.certificate=classpath:tls/ec.crt",
                "spring.ssl.bundle.pem.incus.keystore.private-key=classpath:tls/ec-pkcs8.key"};
        runner.withPropertyValues(bundle).withPropertyValues(
                "spring.ssl.bundle.pem.incus.options.enabled-protocols=TLSv1.3,TLSv1.2")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
        runner.withPropertyValues(bundle).withPropertyValues("spring.ssl.bundle.pem.incus.options.enabled-protocols=TLSv1.3")
                .run(context -> assertThat(failure(context)).isInstanceOfSatisfying(IncusConnectionException.class,
                        e -> assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.TLS)));
    }

    @Test
    void allowTls12StillWorksWithProperties() {
        runner.withPropertyValues(url(tls12), "incus.allow-tls12=true", "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(identity(context)).isEqualTo(EC_IDENTITY));
    }

    /** Boot's ssl health and info read every bundle of the registry: the client certificate is one of them. */
    @Test
    void theClientCertificateOfThePropertiesIsReportedByBootsSslHealthAndInfo() {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.server-certificate=classpath:tls/server.crt",
                "incus.clients.lab.url=https://127.0.0.1:1", "incus.clients.lab.client-keystore=classpath:tls/ec.p12",
                "incus.clients.lab.client-keystore-password=changeit",
                "incus.clients.lab.server-certificate=classpath:tls/server.crt").run(context -> {
                    assertThat(context.getBean(SslBundles.class).getBundleNames()).contains("incus", "incus.clients.lab");
                    SslInfo.BundleInfo info = context.getBean(SslInfo.class).getBundle("incus");
                    assertThat(info.getCertificateChains()).singleElement().satisfies(chain -> {
                        assertThat(chain.getAlias()).isEqualTo("incus");
                        assertThat(chain.getCertificates().get(0).getSubject()).isEqualTo("CN=" + EC_IDENTITY);
                        assertThat(chain.getCertificates().get(0).getValidity().getStatus().isValid()).isTrue();
                    });
                    Health health = context.getBean(SslHealthIndicator.class).health(true);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    List<?> valid = (List<?>) health.getDetails().get("validChains");
                    assertThat(valid).map(chain -> ((SslInfo.CertificateChainInfo) chain).getAlias())
                            .containsExactlyInAnyOrder("incus", "client");
                });
    }

    @Test
    void anApplicationBundleOfTheSameNameIsLeftAlone() {
        runner.withPropertyValues(url(tls13), "incus.client-certificate=classpath:tls/ec.crt",
                "incus.client-key=classpath:tls/ec-pkcs8.key", "incus.server-certificate=classpath:tls/server.crt",
                "spring.ssl.bundle.pem.incus.truststore.certificate=classpath:tls/other-server.crt").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SslBundles.class).getBundle("incus").getStores().getKeyStore()).isNull();
                    assertThat(identity(context)).isEqualTo(EC_IDENTITY);
                });
    }

    @Test
    void nothingIsReportedWithoutAClientCertificate() {
        runner.withPropertyValues(url(tls13), "incus.server-certificate=classpath:tls/server.crt")
                .run(context -> assertThat(context.getBean(SslBundles.class).getBundleNames()).doesNotContain("incus"));
    }

    private static String url(ClientIdentityServer server) {
        return "incus.url=https://127.0.0.1:" + server.port();
    }

    private static String identity(org.springframework.context.ApplicationContext context) {
        return context.getBean(IncusClient.class).server().get().block(WAIT).authUserName();
    }

    private static Throwable failure(org.springframework.context.ApplicationContext context) {
        return Assertions.catchThrowable(() -> identity(context));
    }

    static String text(String resource) throws Exception {
        return Files.readString(TestFiles.resource(resource));
    }

    /** A keystore with key entries made from the PEM test identities ({@code ec}, {@code rsa}). */
    static Path keyStore(String name, String type, String storePassword, String keyPassword,
            Map<String, String> identities) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (Map.Entry<String, String> entry : identities.entrySet()) {
            List<X509Certificate> chain = PemContent.load(TestFiles.resource("tls/" + entry.getValue() + ".crt"))
                    .getCertificates();
            store.setKeyEntry(entry.getKey(), PemContent.load(TestFiles.resource("tls/" + entry.getValue()
                    + "-pkcs8.key")).getPrivateKey(), keyPassword.toCharArray(), chain.toArray(X509Certificate[]::new));
        }
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, storePassword.toCharArray());
        }
        return file;
    }
}
