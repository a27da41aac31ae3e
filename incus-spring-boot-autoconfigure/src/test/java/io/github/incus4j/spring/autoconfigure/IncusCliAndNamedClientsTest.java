package io.github.incus4j.spring.autoconfigure;

import static io.github.incus4j.spring.autoconfigure.CliConfigDir.configYml;
import static io.github.incus4j.spring.autoconfigure.CliConfigDir.remote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusEndpoint;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthContributorAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.health.IncusHealthIndicator;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiterAutoConfiguration;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** incus.remote, incus.cli-config-dir and incus.clients.NAME.* in an application context, with no daemon. */
class IncusCliAndNamedClientsTest {

    private static final String MISSING_SOCKET = "/nonexistent/incus/unix.socket";

    @TempDir
    Path temp;

    private CliConfigDir cli;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, IncusAutoConfiguration.class,
                    IncusHealthContributorAutoConfiguration.class, IncusOperationWaiterAutoConfiguration.class))
            .withPropertyValues("INCUS_GLOBAL_CONF=/nonexistent/global");

    @BeforeEach
    void cliConfiguration() {
        cli = CliConfigDir.create(temp.resolve("incus"), configYml("local",
                remote("lab", "https://10.1.2.3:8443", "incus", "web")
                        + remote("farm", "https://127.0.0.1:1,https://10.1.2.4:8443", "incus", "default")))
                .pinServer("lab").pinServer("farm");
    }

    @Test
    void aRemoteOfTheCommandLineMakesTheClient() {
        runner.withPropertyValues("incus.remote=lab", "incus.cli-config-dir=" + cli).run(context -> {
            IncusClient client = context.getBean(IncusClient.class);
            assertThat(client.endpoint().urls()).containsExactly(URI.create("https://10.1.2.3:8443"));
            assertThat(client.currentProject()).isEqualTo("web");
            assertThat(context).hasSingleBean(IncusOperationWaiter.class);
            assertThat(context.getBean("incusHealthContributor")).isInstanceOf(IncusHealthIndicator.class);
            assertThat(context.getBean(IncusClients.class).names()).isEmpty();
        });
    }

    @Test
    void explicitPropertiesWinOverTheRemote() {
        runner.withPropertyValues("incus.remote=lab", "incus.cli-config-dir=" + cli, "incus.project=ci",
                "incus.url=https://lab.example.net:9443").run(context -> {
                    IncusClient client = context.getBean(IncusClient.class);
                    assertThat(client.endpoint().describe()).isEqualTo("https://lab.example.net:9443");
                    assertThat(client.currentProject()).isEqualTo("ci");
                });
    }

    /** The real environment variables, as Spring Boot sees them: INCUS_REMOTE binds to incus.remote. */
    @Test
    void incusConfIncusRemoteAndIncusProjectAreHonouredAsByTheCommandLine() {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().replace(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("INCUS_CONF",
                                cli.toString(), "INCUS_REMOTE", "lab", "INCUS_PROJECT", "from-env",
                                "INCUS_GLOBAL_CONF", "/nonexistent/global"))))
                .run(context -> {
                    IncusClient client = context.getBean(IncusClient.class);
                    assertThat(client.endpoint().describe()).isEqualTo("https://10.1.2.3:8443");
                    assertThat(client.currentProject()).isEqualTo("from-env");
                });
    }

    @Test
    void theDefaultRemoteIsUsedWhenOnlyTheDirectoryIsSet() {
        cli.write("config.yml", configYml("lab", remote("lab", "https://10.1.2.3:8443", "incus", "default")));
        runner.withPropertyValues("incus.cli-config-dir=" + cli).run(context ->
                assertThat(context.getBean(IncusClient.class).endpoint().describe())
                        .isEqualTo("https://10.1.2.3:8443"));
    }

    @Test
    void theLocalRemoteIsTheUnixSocket() {
        runner.withPropertyValues("incus.remote=local", "incus.cli-config-dir=" + cli).run(context ->
                assertThat(context.getBean(IncusClient.class).endpoint().kind()).isEqualTo(IncusEndpoint.Kind.UNIX_SOCKET));
    }

    @Test
    void aRemoteWithSeveralAddressesStartsWithoutContactingThem() {
        runner.withPropertyValues("incus.remote=farm", "incus.cli-config-dir=" + cli).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(IncusClient.class).endpoint().urls()).containsExactly(URI.create("https://127.0.0.1:1"), URI.create("https://10.1.2.4:8443"));
        });
    }

    @Test
    void namedClientsAreBeansWithQualifiersAndInTheRegistry() {
        runner.withUserConfiguration(Injected.class).withPropertyValues("incus.cli-config-dir=" + cli,
                "incus.clients.lab.remote=lab", "incus.clients.box.socket-path=" + MISSING_SOCKET,
                "incus.clients.box.project=sandbox").run(context -> {
                    IncusClients clients = context.getBean(IncusClients.class);
                    assertThat(clients.names()).containsExactly("lab", "box");
                    assertThat(context).getBeans(IncusClient.class).containsOnlyKeys("labIncusClient",
                            "boxIncusClient");
                    Injected injected = context.getBean(Injected.class);
                    assertThat(injected.lab).isSameAs(clients.get("lab"));
                    assertThat(injected.box).isSameAs(clients.get("box"));
                    assertThat(injected.lab.endpoint().describe()).isEqualTo("https://10.1.2.3:8443");
                    assertThat(injected.lab.currentProject()).isEqualTo("web");
                    assertThat(injected.box.endpoint().socketPath()).contains(Path.of(MISSING_SOCKET));
                    assertThat(injected.box.currentProject()).isEqualTo("sandbox");
                    assertThat(context).doesNotHaveBean(IncusOperationWaiter.class);
                    assertThatThrownBy(() -> clients.get("nope")).isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("[lab, box]");
                });
    }

    @Test
    void theHealthIsACompositeWithOneChildPerNamedClientUnlessLeftOut() {
        runner.withPropertyValues("incus.clients.a.socket-path=" + MISSING_SOCKET,
                "incus.clients.b.socket-path=" + MISSING_SOCKET, "incus.clients.c.socket-path=" + MISSING_SOCKET,
                "incus.clients.c.health.enabled=false", "incus.clients.b.health.timeout=1s").run(context -> {
                    CompositeReactiveHealthContributor composite = context.getBean("incusHealthContributor",
                            CompositeReactiveHealthContributor.class);
                    assertThat(composite.stream().map(entry -> entry.name())).containsExactly("a", "b");
                    assertThat(composite.getContributor("b")).isInstanceOf(IncusHealthIndicator.class);
                    assertThat(composite.getContributor("c")).isNull();
                });
    }

    @Test
    void aConfiguredUnnamedClientStaysNextToNamedOnesAsThePrimary() {
        runner.withPropertyValues("incus.socket-path=" + MISSING_SOCKET, "incus.clients.lab.remote=lab",
                "incus.clients.lab.cli-config-dir=" + cli).run(context -> {
                    assertThat(context).getBeans(IncusClient.class).containsOnlyKeys("incusClient", "labIncusClient");
                    IncusClient primary = context.getBean(IncusClient.class);
                    assertThat(primary).isSameAs(context.getBean("incusClient"));
                    assertThat(context.getBean(IncusOperationWaiter.class)).isNotNull();
                    CompositeReactiveHealthContributor composite = context.getBean("incusHealthContributor",
                            CompositeReactiveHealthContributor.class);
                    assertThat(composite.stream().map(entry -> entry.name())).containsExactly("incusClient", "lab");
                });
    }

    @Test
    void aLoneNamedClientIsTheSingleCandidate() {
        runner.withPropertyValues("incus.clients.only.socket-path=" + MISSING_SOCKET).run(context -> {
            assertThat(context).hasSingleBean(IncusClient.class).hasSingleBean(IncusOperationWaiter.class);
            assertThat(context.getBean(IncusClients.class).get("only")).isSameAs(context.getBean(IncusClient.class));
        });
    }

    @Test
    void namedClientsAreClosedByTheRegistry() {
        IncusClient[] kept = new IncusClient[1];
        runner.withPropertyValues("incus.clients.only.socket-path=" + MISSING_SOCKET)
                .run(context -> kept[0] = context.getBean(IncusClients.class).get("only"));
        assertThat(kept[0].isClosed()).isTrue();
    }

    @Test
    void everyNewPropertyBinds() {
        runner.withPropertyValues("incus.remote=lab", "incus.cli-config-dir=" + cli, "incus.health.enabled=false",
                "incus.clients.x.url=https://x.example.net", "incus.clients.x.connect-timeout=2s",
                "incus.clients.x.max-connection-lifetime=90s",
                "incus.clients.x.health.require-trusted=false").run(context -> {
                    IncusProperties properties = context.getBean(IncusProperties.class);
                    assertThat(properties.getRemote()).isEqualTo("lab");
                    assertThat(properties.getCliConfigDir()).isEqualTo(cli.path());
                    assertThat(properties.getHealth().isEnabled()).isFalse();
                    IncusConnectionProperties x = properties.getClients().get("x");
                    assertThat(x.getUrl()).isEqualTo("https://x.example.net");
                    assertThat(x.getConnectTimeout()).hasSeconds(2);
                    assertThat(x.getMaxConnectionLifetime()).hasSeconds(90);
                    assertThat(properties.getMaxConnectionLifetime()).isNull();
                    assertThat(x.getHealth().isRequireTrusted()).isFalse();
                    assertThat(x.getHealth().isEnabled()).isTrue();
                    assertThat(properties.toString()).contains("remote=lab").contains("clients={x=");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class Injected {

        IncusClient lab;
        IncusClient box;

        @Bean
        Object consumer(@Qualifier("lab") IncusClient lab, @Qualifier("box") IncusClient box) {
            this.lab = lab;
            this.box = box;
            return "consumer";
        }
    }
}
