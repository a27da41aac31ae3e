package io.github.incus4j.spring.autoconfigure.health;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.IncusClientBuilder;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusStub;
import io.github.incus4j.spring.autoconfigure.TestFiles;
import io.github.incus4j.test.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The indicator against a stand-in daemon: what UP and each kind of DOWN look like. */
class IncusHealthIndicatorTest {

    @RegisterExtension
    static final WireMockExtension incus = IncusStub.server();

    private IncusClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aTrustedAnswerIsUpWithTheServersDetails() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));

        Health health = check(indicator(Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("endpoint", "https://127.0.0.1:" + incus.getHttpsPort())
                .containsEntry("serverVersion", "6.0.4")
                .containsEntry("apiVersion", "1.0")
                .containsEntry("auth", "trusted")
                .containsEntry("serverName", "stub-host")
                .containsEntry("clustered", false)
                .containsEntry("project", "default")
                .doesNotContainKeys("reason", "hint", "error");
        assertThat(health.getDetails().values()).doesNotContainNull();
    }

    @Test
    void theProjectIsTheClientsWhenTheDaemonDoesNotSay() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.sync(
                "{\"api_version\":\"1.0\",\"auth\":\"trusted\",\"environment\":{\"server_version\":\"6.0.4\"}}"))));

        Health health = check(new IncusHealthIndicator(client(builder -> builder.project("web")), Duration.ofSeconds(10),
                true));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("project", "web").containsEntry("serverName", "unknown");
        assertThat(health.getDetails().values()).doesNotContainNull();
    }

    @Test
    void anUntrustedClientIsDownByDefault() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(false))));

        Health health = check(indicator(Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "untrusted")
                .containsEntry("auth", "untrusted")
                .containsEntry("apiVersion", "1.0")
                .doesNotContainKeys("serverVersion", "serverName", "clustered");
        assertThat((String) health.getDetails().get("hint")).contains("incus config trust add-certificate")
                .contains("incus.health.require-trusted=false");
        assertThat(health.getDetails().values()).doesNotContainNull();
    }

    @Test
    void anUntrustedClientIsUpWhenTrustIsNotRequired() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(false))));

        Health health = check(indicator(Duration.ofSeconds(10), false));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("auth", "untrusted").doesNotContainKey("reason");
    }

    @Test
    void aServerErrorIsDown() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody(IncusStub.error(500, "database is locked"))));

        Health health = check(indicator(Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "server-error");
        assertThat((String) health.getDetails().get("error")).contains("HTTP 500").contains("database is locked");
        assertThat((String) health.getDetails().get("hint")).contains("HTTP 500");
    }

    @Test
    void aBodyThatIsNotJsonIsDown() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Welcome to nginx</body></html>")));

        Health health = check(indicator(Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "protocol-error");
        assertThat((String) health.getDetails().get("hint")).contains("check that incus.url points at an Incus daemon");
    }

    @Test
    void aForbiddenAnswerIsDown() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody(IncusStub.error(403, "not authorized"))));

        Health health = check(indicator(Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "forbidden");
        assertThat((String) health.getDetails().get("hint")).contains("incus config trust add-certificate");
    }

    @Test
    void noAnswerWithinTheHealthTimeoutIsDownInTime() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true)).withFixedDelay(3_000)));

        IncusHealthIndicator indicator = indicator(Duration.ofMillis(300), true);
        long started = System.nanoTime();
        Health health = check(indicator);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "timeout");
        assertThat((String) health.getDetails().get("hint")).contains("incus.health.timeout (PT0.3S)");
    }

    @Test
    void aRefusedConnectionIsDown() throws Exception {
        int closedPort = Ports.freeLoopbackPort();
        client = IncusClient.builder().url("https://127.0.0.1:" + closedPort)
                .serverCertificate(TestFiles.resource("tls/server.crt")).build();

        Health health = check(new IncusHealthIndicator(client, Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "connection-refused")
                .containsEntry("endpoint", "https://127.0.0.1:" + closedPort);
        assertThat((String) health.getDetails().get("hint")).contains("start the Incus daemon");
    }

    @Test
    void aServerCertificateThatIsNotThePinnedOneIsDown() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(true))));
        client = IncusClient.builder().url("https://127.0.0.1:" + incus.getHttpsPort())
                .serverCertificate(TestFiles.resource("tls/other-server.crt")).build();

        Health health = check(new IncusHealthIndicator(client, Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "tls");
        assertThat((String) health.getDetails().get("error")).contains("is not the pinned server certificate");
        assertThat((String) health.getDetails().get("hint")).contains("incus.server-certificate");
    }

    @Test
    void aMissingSocketIsDownWithThePathTried() {
        Path missing = Path.of("/nonexistent/incus/unix.socket");
        client = IncusClient.builder().unixSocket(missing).build();

        Health health = check(new IncusHealthIndicator(client, Duration.ofSeconds(10), true));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("reason", "socket-not-found")
                .containsEntry("endpoint", "unix://" + missing);
        assertThat((String) health.getDetails().get("error")).contains(missing.toString());
        assertThat((String) health.getDetails().get("hint")).contains("incus.socket-path");
    }

    @Test
    void theTimeoutMustBePositive() {
        client = IncusClient.builder().unixSocket(Path.of("/nonexistent")).build();
        assertThatThrownBy(() -> new IncusHealthIndicator(client, Duration.ZERO, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    }

    @Test
    void theAutoConfiguredIndicatorFollowsTheHealthProperties() {
        incus.stubFor(get(urlPathEqualTo("/1.0")).willReturn(okJson(IncusStub.server(false)).withFixedDelay(600)));
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class,
                        IncusHealthContributorAutoConfiguration.class))
                .withPropertyValues(IncusStub.clientProperties(incus));

        runner.withPropertyValues("incus.health.timeout=200ms").run(context -> {
            Health health = check(context.getBean("incusHealthContributor", ReactiveHealthIndicator.class));
            assertThat(health.getDetails()).containsEntry("reason", "timeout");
        });
        runner.withPropertyValues("incus.health.timeout=5s", "incus.health.require-trusted=false").run(context -> {
            Health health = check(context.getBean("incusHealthContributor", ReactiveHealthIndicator.class));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("auth", "untrusted");
        });
    }

    private IncusHealthIndicator indicator(Duration timeout, boolean requireTrusted) {
        return new IncusHealthIndicator(client(builder -> { }), timeout, requireTrusted);
    }

    private IncusClient client(Consumer<IncusClientBuilder> customizer) {
        IncusClientBuilder builder = IncusClient.builder().url("https://127.0.0.1:" + incus.getHttpsPort())
                .serverCertificate(TestFiles.resource("tls/server.crt"));
        customizer.accept(builder);
        client = builder.build();
        return client;
    }

    private static Health check(ReactiveHealthIndicator indicator) {
        return indicator.health().block(Duration.ofSeconds(10));
    }
}
