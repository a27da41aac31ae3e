package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.client.IncusEndpoint;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthIndicator;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiterAutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.unit.DataSize;

/** One test per condition and property of the auto-configuration, with no daemon. */
class IncusAutoConfigurationTest {

    private static final Path MISSING_SOCKET = Path.of("/nonexistent/incus/unix.socket");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusSanitizingAutoConfiguration.class, IncusHealthContributorAutoConfiguration.class,
                    IncusOperationWaiterAutoConfiguration.class));

    @Test
    void withoutSettingsTheClientTalksToTheLocalUnixSocketAndHelpersAreRegistered() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(IncusClient.class)
                    .hasSingleBean(IncusProperties.class)
                    .hasSingleBean(IncusOperationWaiter.class)
                    .hasBean("incusHealthContributor")
                    .hasBean("incusSanitizingFunction");
            IncusClient client = context.getBean(IncusClient.class);
            assertThat(client.endpoint().kind()).isEqualTo(IncusEndpoint.Kind.UNIX_SOCKET);
            assertThat(context.getBean("incusHealthContributor")).isInstanceOf(IncusHealthIndicator.class);
        });
    }

    @Test
    void propertyDefaultsAreTheClientDefaults() {
        runner.run(context -> {
            IncusProperties properties = context.getBean(IncusProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getSocketPath()).isNull();
            assertThat(properties.getUrl()).isNull();
            assertThat(properties.getConnectTimeout()).isEqualTo(IncusClientBuilder.DEFAULT_CONNECT_TIMEOUT);
            assertThat(properties.getResponseTimeout()).isEqualTo(IncusClientBuilder.DEFAULT_RESPONSE_TIMEOUT);
            assertThat(properties.getMaxConnections()).isEqualTo(IncusClientBuilder.DEFAULT_MAX_CONNECTIONS);
            assertThat(properties.getMaxConnectionLifetime()).as("no limit, as the builder").isNull();
            assertThat(properties.getMaxResponseSize().toBytes()).isEqualTo(IncusClientBuilder.DEFAULT_MAX_RESPONSE_SIZE);
            assertThat(properties.isAllowTls12()).isFalse();
            assertThat(properties.getOperations().getTimeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(properties.getOperations().isCancelOnTimeout()).isFalse();
            assertThat(properties.getOperations().getProgressInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(properties.getHealth().isRequireTrusted()).isTrue();
            IncusOperationWaiter waiter = context.getBean(IncusOperationWaiter.class);
            assertThat(waiter.timeout()).isEqualTo(Duration.ofMinutes(5));
            assertThat(waiter.cancelOnTimeout()).isFalse();
        });
    }

    @Test
    void everyPropertyBinds() {
        runner.withPropertyValues("incus.socket-path=/srv/incus/unix.socket", "incus.allow-tls12=true",
                "incus.user-agent=ops-bot/1",
                "incus.connect-timeout=2s", "incus.response-timeout=1m", "incus.max-connections=4",
                "incus.max-connection-lifetime=5m", "incus.max-response-size=8MB", "incus.operations.timeout=90s",
                "incus.operations.cancel-on-timeout=true", "incus.operations.progress-interval=250ms",
                "incus.health.timeout=1500ms", "incus.health.require-trusted=false")
                .run(context -> {
                    IncusProperties properties = context.getBean(IncusProperties.class);
                    assertThat(properties.getSocketPath()).isEqualTo(Path.of("/srv/incus/unix.socket"));
                    assertThat(properties.isAllowTls12()).isTrue();
                    assertThat(properties.getUserAgent()).isEqualTo("ops-bot/1");
                    assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(properties.getMaxConnections()).isEqualTo(4);
                    assertThat(properties.getMaxConnectionLifetime()).isEqualTo(Duration.ofMinutes(5));
                    assertThat(properties.getMaxResponseSize()).isEqualTo(DataSize.ofMegabytes(8));
                    assertThat(properties.getOperations().getProgressInterval()).isEqualTo(Duration.ofMillis(250));
                    assertThat(properties.getHealth().getTimeout()).isEqualTo(Duration.ofMillis(1500));
                    assertThat(properties.getHealth().isRequireTrusted()).isFalse();
                    IncusOperationWaiter waiter = context.getBean(IncusOperationWaiter.class);
                    assertThat(waiter.timeout()).isEqualTo(Duration.ofSeconds(90));
                    assertThat(waiter.cancelOnTimeout()).isTrue();
                });
    }

    @Test
    void anExplicitSocketPathIsUsedAsGiven() {
        runner.withPropertyValues("incus.socket-path=" + MISSING_SOCKET).run(context -> {
            IncusEndpoint endpoint = context.getBean(IncusClient.class).endpoint();
            assertThat(endpoint.socketPath()).contains(MISSING_SOCKET);
            assertThat(endpoint.triedSocketPaths()).containsExactly(MISSING_SOCKET);
        });
    }

    @Test
    void aUrlWithPemFilesMakesAnHttpsClient() {
        runner.withPropertyValues("incus.url=https://127.0.0.1:8443",
                "incus.client-certificate=" + TestFiles.path("tls/ec.crt"),
                "incus.client-key=" + TestFiles.path("tls/ec-pkcs8.key"),
                "incus.server-certificate=" + TestFiles.path("tls/server.crt")).run(context -> {
                    assertThat(context.getBean(IncusClient.class).endpoint().urls()).containsExactly(URI.create("https://127.0.0.1:8443"));
                });
    }

    @Test
    void aUrlWithoutPortGetsTheIncusPort() {
        runner.withPropertyValues("incus.url=https://incus.example.net").run(context ->
                assertThat(context.getBean(IncusClient.class).endpoint().describe())
                        .isEqualTo("https://incus.example.net:8443"));
    }

    @Test
    void aUrlWithAKeystoreMakesAnHttpsClient() {
        runner.withPropertyValues("incus.url=https://127.0.0.1:8443",
                "incus.client-keystore=" + TestFiles.path("tls/ec.p12"), "incus.client-keystore-password=changeit",
                "incus.client-key-alias=client", "incus.client-keystore-type=PKCS12",
                "incus.certificate-authorities=" + TestFiles.path("tls/server.crt"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IncusClient.class);
                    IncusProperties properties = context.getBean(IncusProperties.class);
                    assertThat(properties.getClientKeystoreType()).isEqualTo("PKCS12");
                    assertThat(properties.getClientKeyAlias()).isEqualTo("client");
                });
    }

    @Test
    void projectAndTargetScopeTheClient() {
        runner.withPropertyValues("incus.project=web", "incus.target=node2").run(context -> {
            IncusClient client = context.getBean(IncusClient.class);
            assertThat(client.currentProject()).isEqualTo("web");
            assertThat(client.currentTarget()).isEqualTo("node2");
        });
    }

    @Test
    void anUnreachableDaemonDoesNotPreventStartup() {
        runner.withPropertyValues("incus.url=https://127.0.0.1:1", "incus.connect-timeout=100ms")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(IncusClient.class));
    }

    @Test
    void noClientHttpConnectorBeanIsDefined() {
        runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(ClientHttpConnector.class)
                        .hasSingleBean(IncusClient.class));
    }

    @Test
    void aClientOfTheApplicationTakesPrecedence() {
        runner.withUserConfiguration(OwnClient.class).run(context -> {
            assertThat(context).hasSingleBean(IncusClient.class);
            assertThat(context.getBean(IncusClient.class)).isSameAs(context.getBean(OwnClient.class).client);
            assertThat(context).hasSingleBean(IncusOperationWaiter.class).hasBean("incusHealthContributor");
        });
    }

    @Test
    void customizersRunAfterThePropertiesInTheirOrder() {
        runner.withPropertyValues("incus.project=from-properties").withUserConfiguration(Customizers.class)
                .run(context -> {
                    assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
                    assertThat(context.getBean(IncusClient.class).currentProject()).isEqualTo("from-second");
                });
    }

    @Test
    void theClientIsClosedWithTheContext() {
        runner.run(context -> assertThat(context.getBeanFactory().getBeanDefinition("incusClient")
                .getDestroyMethodName()).isEqualTo("close"));
    }

    @Test
    void incusEnabledFalseTurnsEverythingOff() {
        runner.withPropertyValues("incus.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(IncusClient.class)
                .doesNotHaveBean(IncusOperationWaiter.class)
                .doesNotHaveBean("incusHealthContributor"));
    }

    @Test
    void withoutTheClientLibraryNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(IncusClient.class)).run(context -> assertThat(context)
                .doesNotHaveBean(IncusClient.class)
                .doesNotHaveBean(IncusProperties.class)
                .doesNotHaveBean(IncusOperationWaiter.class)
                .doesNotHaveBean("incusHealthContributor"));
    }

    @Test
    void withoutSpringBootHealthThereIsNoIndicator() {
        runner.withClassLoader(new FilteredClassLoader(ReactiveHealthContributor.class)).run(context ->
                assertThat(context).hasSingleBean(IncusClient.class).doesNotHaveBean("incusHealthContributor"));
    }

    @Test
    void withoutTheActuatorThereIsNoSanitizingFunction() {
        runner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class)).run(context ->
                assertThat(context).hasSingleBean(IncusClient.class).doesNotHaveBean("incusSanitizingFunction"));
    }

    @Test
    void theIndicatorIsTurnedOffByItsManagementProperty() {
        runner.withPropertyValues("management.health.incus.enabled=false").run(context -> assertThat(context)
                .hasSingleBean(IncusClient.class)
                .hasSingleBean(IncusOperationWaiter.class)
                .doesNotHaveBean("incusHealthContributor"));
    }

    @Test
    void theIndicatorFollowsTheHealthDefaultsUnlessEnabledByName() {
        runner.withPropertyValues("management.health.defaults.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("incusHealthContributor"));
        runner.withPropertyValues("management.health.defaults.enabled=false", "management.health.incus.enabled=true")
                .run(context -> assertThat(context).hasBean("incusHealthContributor"));
    }

    @Test
    void anIndicatorOfTheApplicationTakesPrecedence() {
        runner.withUserConfiguration(OwnIndicator.class).run(context -> assertThat(context)
                .hasBean("incusHealthIndicator")
                .doesNotHaveBean("incusHealthContributor"));
    }

    @Test
    void severalClientsGetACompositeIndicatorAndNoDefaultWaiter() {
        runner.withBean("localIncus", IncusClient.class, IncusAutoConfigurationTest::socketClient)
                .withBean("remoteIncus", IncusClient.class, IncusAutoConfigurationTest::remoteClient)
                .run(context -> {
                    CompositeReactiveHealthContributor composite = context.getBean("incusHealthContributor",
                            CompositeReactiveHealthContributor.class);
                    Map<String, ReactiveHealthContributor> byName = composite.stream()
                            .collect(Collectors.toMap(entry -> entry.name(), entry -> entry.contributor()));
                    assertThat(byName).containsOnlyKeys("localIncus", "remoteIncus");
                    assertThat(byName.values()).allMatch(IncusHealthIndicator.class::isInstance);
                    assertThat(context).doesNotHaveBean(IncusOperationWaiter.class);
                });
    }

    @Test
    void aPrimaryClientAmongSeveralGetsTheWaiter() {
        runner.withBean("localIncus", IncusClient.class, IncusAutoConfigurationTest::socketClient,
                        definition -> definition.setPrimary(true))
                .withBean("remoteIncus", IncusClient.class, IncusAutoConfigurationTest::remoteClient)
                .run(context -> assertThat(context).hasSingleBean(IncusOperationWaiter.class));
    }

    @Test
    void aWaiterOfTheApplicationTakesPrecedence() {
        runner.withUserConfiguration(OwnWaiter.class).run(context -> {
            assertThat(context).hasSingleBean(IncusOperationWaiter.class);
            assertThat(context.getBean(IncusOperationWaiter.class).timeout()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void theWaiterFollowsTheOperationsProperties() {
        runner.withPropertyValues("incus.operations.timeout=45s", "incus.operations.cancel-on-timeout=true")
                .run(context -> {
                    IncusOperationWaiter waiter = context.getBean(IncusOperationWaiter.class);
                    assertThat(waiter.timeout()).isEqualTo(Duration.ofSeconds(45));
                    assertThat(waiter.cancelOnTimeout()).isTrue();
                });
    }

    @Test
    void theKeystorePasswordAndClientKeyAreNotInThePropertiesDescription() {
        IncusProperties properties = new IncusProperties();
        properties.setClientKeystorePassword("Very-Secret-42");
        properties.setClientKeyPassword("Key-Secret-44");
        properties.setServerCertificate("-----BEGIN CERTIFICATE-----\nMIIBPinnedServer\n-----END CERTIFICATE-----\n");
        IncusConnectionProperties lab = new IncusConnectionProperties();
        lab.setClientKey("Secret-Key-Text-43");
        lab.setClientCertificate("classpath:lab/client.crt");
        properties.getClients().put("lab", lab);

        assertThat(properties.toString()).doesNotContain("Very-Secret-42").doesNotContain("Secret-Key-Text-43")
                .doesNotContain("Key-Secret-44").doesNotContain("MIIBPinnedServer")
                .contains("clientKeystorePassword=******").contains("clientKey=******")
                .contains("clientKeyPassword=******").contains("serverCertificate=(inline PEM)")
                .contains("clientCertificate=classpath:lab/client.crt");
    }

    @Test
    void theSanitizingFunctionRecognisesEveryFormOfTheKey() {
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.client-keystore-password")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.clientKeystorePassword")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("INCUS_CLIENT_KEYSTORE_PASSWORD")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("INCUS_CLIENTKEYSTOREPASSWORD")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.client-key")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("INCUS_CLIENT_KEY")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.clients.lab.clientKey")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.client-key-alias")).isFalse();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.client-keystore")).isFalse();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("incus.url")).isFalse();
        assertThat(IncusSanitizingAutoConfiguration.isIncusSecret("spring.datasource.password")).isFalse();
    }

    @Test
    void anyValueHoldingAPemPrivateKeyIsMasked() {
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey("-----BEGIN PRIVATE KEY-----\nMIIE")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey("x -----BEGIN EC PRIVATE KEY----- y")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----")).isTrue();
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey("-----BEGIN CERTIFICATE-----")).isFalse();
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey(42)).isFalse();
        assertThat(IncusSanitizingAutoConfiguration.holdsPrivateKey(null)).isFalse();
    }

    private static IncusClient socketClient() {
        return IncusClient.builder().unixSocket(MISSING_SOCKET).build();
    }

    private static IncusClient remoteClient() {
        return IncusClient.builder().url("https://127.0.0.1:1").build();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {

        final IncusClient client = socketClient();

        @Bean
        IncusClient myIncus() {
            return client;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        IncusClientCustomizer second() {
            return builder -> {
                calls.add("second");
                builder.project("from-second");
            };
        }

        @Bean
        @Order(1)
        IncusClientCustomizer first() {
            return builder -> {
                calls.add("first");
                builder.project("from-first");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnIndicator {

        @Bean
        IncusHealthIndicator incusHealthIndicator() {
            return new IncusHealthIndicator(socketClient(), Duration.ofSeconds(1), true);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnWaiter {

        @Bean
        IncusOperationWaiter myWaiter(IncusClient client) {
            return new IncusOperationWaiter(client, Duration.ofSeconds(7), false, Duration.ofSeconds(1));
        }
    }
}
