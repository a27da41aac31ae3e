package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.spring.test.IncusServiceConnection;
import io.github.incus4j.test.IncusDaemon;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * The sample against a real throw-away daemon, through its HTTP API, as a user would call it.
 * {@code @IncusServiceConnection} points the sample's IncusClient at the daemon: no incus.* property.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@IncusServiceConnection
class SandboxRunnerIntegrationTest {

    @LocalServerPort
    int port;

    /** The sample's own client, the one the tests check Incus with. */
    @Autowired
    IncusClient incus;

    private WebTestClient http;

    @BeforeEach
    void connect() {
        http = WebTestClient.bindToServer().baseUrl(url()).responseTimeout(Duration.ofSeconds(60)).build();
    }

    private String url() {
        return "http://localhost:" + port;
    }

    /** After every run, successful or not, no sandbox container may be left. */
    @AfterEach
    void noContainerIsLeftBehind() {
        List<String> names = incus.instances().listNames().block();
        assertThat(names).noneMatch(name -> name.startsWith("sandbox-"));
    }

    private WebTestClient.ResponseSpec run(Map<String, Object> request) {
        return http.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON).bodyValue(request).exchange();
    }

    @Test
    void echoRunsInAThrowAwayContainer(IncusDaemon daemon) {
        run(Map.of("image", daemon.imageAlias(), "command", List.of("echo", "hi")))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.exitCode").isEqualTo(0)
                .jsonPath("$.stdout").isEqualTo("hi\n")
                .jsonPath("$.stderr").isEqualTo("")
                .jsonPath("$.instance").value(name -> assertThat((String) name).startsWith("sandbox-"))
                .jsonPath("$.durationMs").value(duration -> assertThat(((Number) duration).longValue()).isPositive());
    }

    @Test
    void stdinAndEnvironmentReachTheCommand(IncusDaemon daemon) {
        run(Map.of("image", daemon.imageAlias(), "command", List.of("sh", "-c", "cat; echo \"$GREETING\""),
                "stdin", "line from stdin\n", "env", Map.of("GREETING", "hello")))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stdout").isEqualTo("line from stdin\nhello\n");
    }

    @Test
    void aFailingCommandPassesItsExitCodeAndStderrThrough(IncusDaemon daemon) {
        run(Map.of("image", daemon.imageAlias(), "command", List.of("sh", "-c", "echo broken >&2; exit 3")))
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.exitCode").isEqualTo(3)
                .jsonPath("$.stderr").isEqualTo("broken\n");
    }

    @Test
    void theImageCanBeNamedByFingerprint(IncusDaemon daemon) {
        run(Map.of("image", daemon.imageFingerprint(), "command", List.of("true")))
                .expectStatus().isOk()
                .expectBody().jsonPath("$.exitCode").isEqualTo(0);
    }

    @Test
    void anUnknownImageIsNamedInA404() {
        run(Map.of("image", "no-such-image", "command", List.of("echo", "hi")))
                .expectStatus().isNotFound()
                .expectBody()
                .jsonPath("$.title").isEqualTo("Unknown image")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'no-such-image'"));
    }

    @Test
    void anEmptyCommandIsABadRequest(IncusDaemon daemon) {
        run(Map.of("image", daemon.imageAlias(), "command", List.of()))
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).startsWith("command:"));
    }

    @Test
    void aCommandPastItsTimeoutIsStoppedAndSaysSo(IncusDaemon daemon) {
        long started = System.nanoTime();
        run(Map.of("image", daemon.imageAlias(), "command", List.of("sleep", "60"), "timeoutSeconds", 2))
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Run timed out")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("did not finish within 2 s"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void instancesAreListedWithTheirStatus() {
        String name = "listed-" + Long.toHexString(System.nanoTime());
        incus.instances().create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                .flatMap(operation -> operation.await(Duration.ofSeconds(60))).block();
        try {
            http.get().uri("/api/instances").exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$[?(@.name == '" + name + "')].status").isEqualTo("Stopped")
                    .jsonPath("$[?(@.name == '" + name + "')].type").isEqualTo("container");
        } finally {
            incus.instances().delete(name).flatMap(operation -> operation.await(Duration.ofSeconds(60))).block();
        }
    }

    @Test
    void healthShowsIncusAndOnlyReadinessDependsOnIt() {
        HealthChecks.incusIsUpAndOnlyReadinessDependsOnIt(http);
    }

    @Test
    void lifecycleEventsOfARunAreServerSentEvents(IncusDaemon daemon) {
        Flux<ServerSentEvent<String>> stream = WebClient.create(url()).get()
                .uri("/api/events").accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() { });
        // Written on the stream's thread while this one reads it: a copy-on-write list iterates safely
        // (a synchronized list does not, and failed once with a ConcurrentModificationException).
        List<String> seen = new CopyOnWriteArrayList<>();
        Disposable listening = stream.filter(event -> "lifecycle".equals(event.event()))
                .subscribe(event -> seen.add(event.data()));
        try {
            // The stream is connected once the first event of a run arrives; run until one does.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.stream().noneMatch(data -> data.contains("instance-started"))
                    && System.nanoTime() < deadline) {
                run(Map.of("image", daemon.imageAlias(), "command", List.of("true"))).expectStatus().isOk();
            }
            assertThat(seen).anySatisfy(data -> assertThat(data).contains("\"action\":\"instance-started\"")
                    .contains("\"source\":\"/1.0/instances/sandbox-"));
        } finally {
            listening.dispose();
        }
    }
}
