package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A Boot application on the real daemon's Unix socket: the client bean, the health and the metrics. */
@IncusIntegrationTest
class UnixSocketApplicationIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theClientBeanTalksToTheDaemonOverTheSocket(IncusDaemon daemon) {
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath())) {
            IncusClient client = app.bean(IncusClient.class);

            Server server = client.server().get().block(WAIT);

            assertThat(client.endpoint().describe()).isEqualTo("unix://" + daemon.socketPath());
            assertThat(server.isTrusted()).isTrue();
            assertThat(server.authUserMethod()).isEqualTo("unix");
            assertThat(server.environment().serverVersion()).isEqualTo(daemon.version());
        }
    }

    @Test
    void theActuatorHealthIsUpWithTheDaemonsDetails(IncusDaemon daemon) {
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath())) {
            HttpResponse<String> response = app.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(200);
            Map<String, Object> incus = BootApp.json(response.body(), "$.components.incus");
            assertThat(incus).containsEntry("status", "UP");
            assertThat(BootApp.<Map<String, Object>>json(response.body(), "$.components.incus.details"))
                    .containsEntry("serverVersion", daemon.version())
                    .containsEntry("apiVersion", "1.0")
                    .containsEntry("auth", "trusted")
                    .containsEntry("clustered", false)
                    .containsEntry("project", "default")
                    .containsEntry("endpoint", "unix://" + daemon.socketPath())
                    .containsKey("serverName")
                    .doesNotContainKeys("reason", "hint", "error");
        }
    }

    @Test
    void aWrongSocketPathLetsTheApplicationStartAndTheHealthSaysWhy(IncusDaemon daemon) {
        Path wrong = daemon.directory().resolve("no-such.socket");
        try (BootApp app = BootApp.start("incus.socket-path=" + wrong)) {
            HttpResponse<String> response = app.get("/actuator/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(BootApp.<String>json(response.body(), "$.status")).isEqualTo("DOWN");
            Map<String, Object> details = BootApp.json(response.body(), "$.components.incus.details");
            assertThat(details).containsEntry("reason", "socket-not-found")
                    .containsEntry("endpoint", "unix://" + wrong);
            assertThat((String) details.get("error")).contains(wrong.toString());
            assertThat((String) details.get("hint")).contains("incus.socket-path");
        }
    }

    /** With the daemon unreachable, the probes stay UP until the indicator is added to readiness. */
    @Test
    void theIndicatorIsInNoProbeGroupUntilAddedToReadiness(IncusDaemon daemon) {
        String wrongSocket = "incus.socket-path=" + daemon.directory().resolve("no-such.socket");
        String probes = "management.endpoint.health.probes.enabled=true";
        try (BootApp app = BootApp.start(wrongSocket, probes)) {
            assertThat(app.get("/actuator/health").statusCode()).isEqualTo(503);
            assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
            assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
        try (BootApp app = BootApp.start(wrongSocket, probes,
                "management.endpoint.health.group.readiness.include=readinessState,incus")) {
            HttpResponse<String> readiness = app.get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(BootApp.<String>json(readiness.body(), "$.status")).isEqualTo("DOWN");
            assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void callsAreRecordedWithTemplatedUris(IncusDaemon daemon) {
        try (BootApp app = BootApp.start("incus.socket-path=" + daemon.socketPath())) {
            IncusClient client = app.bean(IncusClient.class);
            client.server().get().block(WAIT);
            assertThatThrownBy(() -> client.instances().get("no-such-instance").block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);

            MeterRegistry meters = app.bean(MeterRegistry.class);
            Timer server = meters.find("incus.client.requests").tag("uri", "/1.0").tag("status", "200")
                    .tag("incus.client", "default").tag("incus.request", "call").timer();
            Timer instance = meters.find("incus.client.requests").tag("uri", "/1.0/instances/{name}")
                    .tag("status", "404").timer();
            assertThat(server).isNotNull();
            assertThat(server.count()).isPositive();
            assertThat(instance).isNotNull();
            assertThat(instance.count()).isEqualTo(1);
            List<String> uris = meters.find("incus.client.requests").timers().stream()
                    .map(timer -> timer.getId().getTag("uri")).toList();
            assertThat(uris).noneMatch(uri -> uri.contains("no-such-instance"));
        }
    }
}
