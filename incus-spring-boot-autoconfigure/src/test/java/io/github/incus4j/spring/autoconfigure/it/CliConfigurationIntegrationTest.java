package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.github.incus4j.test.Ports;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applications configured from what the real {@code incus remote add} wrote, against the real
 * daemon's HTTPS API, and applications with several named clients.
 */
@IncusIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CliConfigurationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void aRemoteAddedWithTheCommandLineIsUpAndTrusted(IncusDaemon daemon) throws IOException {
        Path conf = Files.createDirectory(temp.resolve("incus"));
        IncusCli.remoteAdd(daemon, conf, "lab");

        // The layout the application relies on, as the command line wrote it.
        String configYml = Files.readString(conf.resolve("config.yml"));
        assertThat(configYml).contains("default-remote: local").contains("  lab:\n    addr: " + daemon.httpsUrl())
                .contains("auth_type: tls").contains("protocol: incus").contains("protocol: simplestreams");
        assertThat(Files.readString(conf.resolve("client.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(conf.resolve("client.crt")).isRegularFile();
        assertThat(conf.resolve("servercerts/lab.crt")).isRegularFile();

        try (BootApp app = BootApp.start("incus.remote=lab", "incus.cli-config-dir=" + conf)) {
            IncusClient client = app.bean(IncusClient.class);
            Server server = client.server().get().block(WAIT);
            assertThat(server.isTrusted()).isTrue();
            assertThat(server.authUserMethod()).isEqualTo("tls");
            assertThat(client.endpoint().describe()).isEqualTo(daemon.httpsUrl().toString());

            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(BootApp.<Map<String, Object>>json(health.body(), "$.components.incus.details"))
                    .containsEntry("auth", "trusted")
                    .containsEntry("endpoint", daemon.httpsUrl().toString())
                    .containsEntry("serverVersion", daemon.version());
        }
    }

    @Test
    void aRemoteWhoseFirstAddressIsDeadStillConnects(IncusDaemon daemon, CapturedOutput output) throws IOException {
        Path conf = Files.createDirectory(temp.resolve("incus"));
        IncusCli.remoteAdd(daemon, conf, "farm");
        String dead = "https://127.0.0.1:" + Ports.freeLoopbackPort();
        Path configYml = conf.resolve("config.yml");
        String original = Files.readString(configYml);
        String withTwoAddresses = original.replace("addr: " + daemon.httpsUrl(),
                "addr: " + dead + "," + daemon.httpsUrl());
        assertThat(withTwoAddresses).isNotEqualTo(original);
        Files.writeString(configYml, withTwoAddresses);

        try (BootApp app = BootApp.start("incus.remote=farm", "incus.cli-config-dir=" + conf)) {
            IncusClient client = app.bean(IncusClient.class);
            for (int i = 0; i < 3; i++) {
                Server server = client.server().get().block(WAIT);
                assertThat(server.isTrusted()).isTrue();
                assertThat(server.authUserMethod()).isEqualTo("tls");
            }
            assertThat(client.instances().list().block(WAIT)).isNotNull();

            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(BootApp.<String>json(health.body(), "$.components.incus.details.auth")).isEqualTo("trusted");
        }
        // The dead address was tried once; every later request went straight to the one that answered.
        assertThat(output.getAll().split(dead + " did not answer", -1)).hasSize(2);
        assertThat(output.getAll()).contains("using " + daemon.httpsUrl() + " from now on");
    }

    @Test
    void twoNamedClientsAreEachInjectableAndUpInTheCompositeHealth(IncusDaemon daemon) throws IOException {
        Path conf = Files.createDirectory(temp.resolve("incus"));
        IncusCli.remoteAdd(daemon, conf, "lab");

        try (BootApp app = BootApp.startWith(TwoClients.class, "incus.cli-config-dir=" + conf,
                "incus.clients.local.socket-path=" + daemon.socketPath(), "incus.clients.lab.remote=lab")) {
            TwoClients injected = app.bean(TwoClients.class);
            IncusClients registry = app.bean(IncusClients.class);
            assertThat(registry.names()).containsExactlyInAnyOrder("local", "lab");
            assertThat(injected.local).isSameAs(registry.get("local"));
            assertThat(injected.lab).isSameAs(registry.get("lab"));
            assertThat(injected.local.server().get().block(WAIT).authUserMethod()).isEqualTo("unix");
            assertThat(injected.lab.server().get().block(WAIT).authUserMethod()).isEqualTo("tls");

            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            Map<String, Map<String, Object>> children = BootApp.json(health.body(), "$.components.incus.components");
            assertThat(children).containsOnlyKeys("local", "lab");
            assertThat(children.get("local")).containsEntry("status", "UP");
            assertThat(children.get("lab")).containsEntry("status", "UP");
            assertThat(BootApp.<String>json(health.body(), "$.components.incus.components.local.details.endpoint"))
                    .isEqualTo("unix://" + daemon.socketPath());
            assertThat(BootApp.<String>json(health.body(), "$.components.incus.components.lab.details.endpoint"))
                    .isEqualTo(daemon.httpsUrl().toString());
        }
    }

    @Test
    void aNamedClientLeftOutOfTheHealthDoesNotMakeItDown(IncusDaemon daemon) throws IOException {
        try (BootApp app = BootApp.start("incus.clients.local.socket-path=" + daemon.socketPath(),
                "incus.clients.gone.url=https://127.0.0.1:" + Ports.freeLoopbackPort(), "incus.clients.gone.health.enabled=false")) {
            HttpResponse<String> health = app.get("/actuator/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(BootApp.<Map<String, Object>>json(health.body(), "$.components.incus.components"))
                    .containsOnlyKeys("local");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoClients {

        IncusClient local;
        IncusClient lab;

        @Bean
        String clientsInjected(@Qualifier("local") IncusClient local, @Qualifier("lab") IncusClient lab) {
            this.local = local;
            this.lab = lab;
            return "injected";
        }
    }
}
