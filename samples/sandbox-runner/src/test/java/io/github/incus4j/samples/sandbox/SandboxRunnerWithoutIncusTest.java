package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample where Incus cannot be reached: it still starts, runs answer 503 with the reason, the
 * health is DOWN, liveness is not. Needs no daemon, so it runs everywhere.
 */
class SandboxRunnerWithoutIncusTest {

    @Test
    void runsAnswer503WithTheReasonAndOnlyTheHealthIsDown(@TempDir Path directory) {
        String missing = directory.resolve("no-daemon.socket").toString();
        try (RunningSample sample = RunningSample.start("incus.socket-path=" + missing)) {
            WebTestClient client = WebTestClient.bindToServer().baseUrl(sample.url())
                    .responseTimeout(Duration.ofSeconds(30)).build();

            client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("image", "busybox", "command", List.of("echo", "hi"))).exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    .jsonPath("$.title").isEqualTo("Incus is unavailable")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(missing));
            client.get().uri("/actuator/health").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody()
                    .jsonPath("$.components.incus.status").isEqualTo("DOWN")
                    .jsonPath("$.components.incus.details.reason").isNotEmpty();
            client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            client.get().uri("/actuator/health/readiness").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            client.get().uri("/").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(page -> assertThat(page).contains("Sandbox runner"));
        }
    }
}
