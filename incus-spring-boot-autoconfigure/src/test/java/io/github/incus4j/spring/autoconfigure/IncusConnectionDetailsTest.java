package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiterAutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link IncusConnectionDetails}: the properties give them by default, and an application's own
 * bean (a secret store, service discovery) takes over for the unnamed client.
 */
class IncusConnectionDetailsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static ClientIdentityServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusHealthContributorAutoConfiguration.class, IncusOperationWaiterAutoConfiguration.class));

    @BeforeAll
    static void start() throws Exception {
        server = new ClientIdentityServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void thePropertiesGiveTheDetailsByDefault() {
        runner.withPropertyValues("incus.url=https://127.0.0.1:" + server.port(), "incus.project=web",
                "incus.client-certificate=classpath:tls/ec.crt", "incus.client-key=classpath:tls/ec-pkcs8.key",
                "incus.server-certificate=classpath:tls/server.crt").run(context -> {
                    IncusConnectionDetails details = context.getBean(IncusConnectionDetails.class);
                    assertThat(details).isInstanceOf(PropertiesIncusConnectionDetails.class);
                    assertThat(details.getUrls()).containsExactly(URI.create("https://127.0.0.1:" + server.port()));
                    assertThat(details.getProject()).isEqualTo("web");
                    assertThat(details.getServerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
                    assertThat(details.getSslBundle().getStores().getKeyStore().isKeyEntry("incus")).isTrue();
                    assertThat(identity(context.getBean(IncusClient.class))).isEqualTo("incus4j-test-client");
                });
    }

    @Test
    void withoutSettingsTheDetailsAreTheLocalSocket() {
        runner.run(context -> {
            IncusConnectionDetails details = context.getBean(IncusConnectionDetails.class);
            assertThat(details.getUrls()).isEmpty();
            assertThat(details.getSocketPath()).isNull();
            assertThat(details.getSslBundle()).isNull();
        });
    }

    @Test
    void theApplicationsDetailsWinOverTheProperties() {
        runner.withUserConfiguration(VaultDetails.class)
                .withPropertyValues("incus.url=https://ignored.example.net:8443", "incus.project=ignored",
                        "incus.target=node2", "incus.connect-timeout=2s")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(PropertiesIncusConnectionDetails.class)
                            .hasSingleBean(IncusConnectionDetails.class);
                    IncusClient client = context.getBean(IncusClient.class);
                    assertThat(client.endpoint().describe()).isEqualTo("https://127.0.0.1:" + server.port());
                    assertThat(client.currentProject()).isEqualTo("from-vault");
                    assertThat(client.currentTarget()).as("settings other than the details still apply")
                            .isEqualTo("node2");
                    assertThat(identity(client)).isEqualTo("incus4j-test-rsa");
                    assertThat(context).hasSingleBean(IncusOperationWaiter.class).hasBean("incusHealthContributor");
                });
    }

    @Test
    void theApplicationsDetailsMakeTheUnnamedClientNextToNamedOnes() {
        runner.withUserConfiguration(VaultDetails.class)
                .withPropertyValues("incus.clients.box.socket-path=/nonexistent/incus/unix.socket")
                .run(context -> {
                    assertThat(context).getBeans(IncusClient.class).containsOnlyKeys("incusClient", "boxIncusClient");
                    assertThat(context.getBean(IncusClient.class)).isSameAs(context.getBean("incusClient"));
                    assertThat(context.getBean(IncusClients.class).get("box").endpoint().describe())
                            .contains("/nonexistent/incus/unix.socket");
                });
    }

    @Test
    void namedClientsWithoutUnnamedSettingsGetNoDetailsBean() {
        runner.withPropertyValues("incus.clients.box.socket-path=/nonexistent/incus/unix.socket")
                .run(context -> assertThat(context).doesNotHaveBean(IncusConnectionDetails.class)
                        .getBeans(IncusClient.class).containsOnlyKeys("boxIncusClient"));
    }

    @Test
    void detailsForTheUnixSocket() {
        runner.withBean(IncusConnectionDetails.class, () -> new Details(List.of(),
                Path.of("/nonexistent/other/unix.socket"), null, null, null)).run(context ->
                assertThat(context.getBean(IncusClient.class).endpoint().describe())
                        .contains("/nonexistent/other/unix.socket"));
    }

    /** The properties are never read when the application has its own client: a broken key does not matter. */
    @Test
    void anApplicationClientLeavesThePropertiesUnread() {
        runner.withUserConfiguration(OwnClient.class).withPropertyValues("incus.url=https://127.0.0.1:1",
                "incus.client-certificate=classpath:tls/ec.crt", "incus.client-key=classpath:tls/missing.key")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(IncusClient.class));
    }

    @Test
    void cipherSuitesInTheDetailsBundleAreRefusedNamingTheBean() {
        SslBundle withCiphers = SslBundle.of(rsaStores().getStores(), null,
                SslOptions.of(new String[] {"TLS_AES_128_GCM_SHA256"}, null));
        runner.withBean(IncusConnectionDetails.class, () -> new Details(List.of(URI.create("https://127.0.0.1:1")),
                null, null, withCiphers, null)).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("the SSL bundle of the IncusConnectionDetails bean")
                            .contains("cannot restrict cipher suites");
                    assertThat(analysis.getAction()).contains("give Incus an SSL bundle of its own without ciphers");
                });
    }

    @Test
    void tlsMaterialWithoutAnAddressIsRefusedNamingTheBean() {
        runner.withBean(IncusConnectionDetails.class, () -> new Details(List.of(), null, null, rsaStores(), null))
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("IncusConnectionDetails bean")
                            .contains("getUrls()").contains("apply only to a remote daemon over HTTPS");
                });
    }

    @Test
    void aBadAddressOfTheDetailsNamesTheBean() {
        runner.withBean(IncusConnectionDetails.class, () -> new Details(List.of(URI.create("http://127.0.0.1:8443")),
                null, null, null, null)).run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new IncusConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("IncusConnectionDetails bean").contains("getUrls()")
                            .contains("must use https");
                    assertThat(analysis.getAction()).contains("Make getUrls()");
                });
    }

    private static String identity(IncusClient client) {
        return client.server().get().block(WAIT).authUserName();
    }

    private static SslBundle rsaStores() {
        return SslBundle.of(new PemSslStoreBundle(new PemSslStoreDetails(null, "classpath:tls/rsa.crt",
                "classpath:tls/rsa-pkcs8.key"), null));
    }

    private static X509Certificate serverCertificate() {
        try {
            return PemContent.load(TestFiles.resource("tls/server.crt")).getCertificates().get(0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Details as a secret store would give them. */
    record Details(List<URI> urls, @Nullable Path socket, @Nullable String project, @Nullable SslBundle bundle,
            @Nullable X509Certificate pinned) implements IncusConnectionDetails {

        @Override
        public List<URI> getUrls() {
            return urls;
        }

        @Override
        public @Nullable Path getSocketPath() {
            return socket;
        }

        @Override
        public @Nullable String getProject() {
            return project;
        }

        @Override
        public @Nullable SslBundle getSslBundle() {
            return bundle;
        }

        @Override
        public @Nullable X509Certificate getServerCertificate() {
            return pinned;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class VaultDetails {

        @Bean
        IncusConnectionDetails vaultIncusDetails() {
            return new Details(List.of(URI.create("https://127.0.0.1:" + server.port())), null, "from-vault",
                    rsaStores(), serverCertificate());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {

        @Bean(destroyMethod = "close")
        IncusClient myIncus() {
            return IncusClient.builder().unixSocket(Path.of("/nonexistent/incus/unix.socket")).build();
        }
    }
}
