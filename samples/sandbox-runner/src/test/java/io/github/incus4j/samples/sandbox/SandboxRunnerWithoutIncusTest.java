package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample where Incus cannot be reached: it still starts, runs answer 503 with the reason, the
 * health is DOWN, liveness is not. Needs no daemon, so it runs everywhere.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "incus.socket-path=" + SandboxRunnerWithoutIncusTest.MISSING)
class SandboxRunnerWithoutIncusTest {

    /** A socket in a directory that does not exist. */
    static final String MISSING = "/tmp/sandbox-runner-test-no-such-directory/no-daemon.socket";

    @LocalServerPort
    int port;

    @Test
    void runsAnswer503WithTheReasonAndOnlyTheHealthIsDown() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();

        client.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("image", "busybox", "command", List.of("echo", "hi"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Incus is unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(MISSING));
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
