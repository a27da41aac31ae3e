package io.github.incus4j.samples.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample as Spring's AOT engine processed it (the {@code process-aot} goal runs in every
 * build), started from its jar in AOT mode ({@code -Dspring.aot.enabled=true}) in a JVM of its
 * own against the throw-away daemon, and checked as a user checks the normal run: the health is
 * UP (readiness with Incus, liveness without), a run of {@code echo} in a BusyBox container
 * answers its output, and no container is left.
 *
 * <p>It is a failsafe test (integration-test phase) because it needs the repackaged jar.
 */
@IncusIntegrationTest
class AotProcessedSampleIT {

    private static final Path JAR = Path.of(System.getProperty("sample.jar",
            "target/sandbox-runner-0.1.0-SNAPSHOT.jar"));

    @Test
    void theAotProcessedJarRunsACommandAgainstTheDaemon(IncusDaemon daemon) {
        // C1 only and the serial collector: a short-lived JVM on a busy 2-CPU machine starts faster
        // so; neither changes what AOT mode does.
        List<String> jvm = List.of("-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        try (SampleProcess sample = SampleProcess.start(JAR, jvm,
                List.of("--incus.socket-path=" + daemon.socketPath()), Duration.ofSeconds(120));
                IncusClient incus = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            // Spring Boot names the mode it started in; without the generated code it would not start so.
            assertThat(sample.log()).contains("Starting AOT-processed SandboxRunnerApplication");
            System.out.println("[aot-sample] " + sample.startedLine().replaceFirst("^.*?(Started )", "$1"));
            WebTestClient http = WebTestClient.bindToServer().baseUrl(sample.url())
                    .responseTimeout(Duration.ofSeconds(60)).build();

            HealthChecks.incusIsUpAndOnlyReadinessDependsOnIt(http);
            http.post().uri("/api/runs").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("image", daemon.imageAlias(), "command", List.of("echo", "hi from aot")))
                    .exchange()
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.exitCode").isEqualTo(0)
                    .jsonPath("$.stdout").isEqualTo("hi from aot\n");
            assertThat(incus.instances().listNames().block()).noneMatch(name -> name.startsWith("sandbox-"));
        }
    }

    @Test
    void theSamplesNativeImageMetadataIncludesTheClientsModelHints() throws IOException {
        // What process-aot wrote for this application: the client's registrar (aot.factories) was applied.
        URL metadata = getClass().getClassLoader()
                .getResource("META-INF/native-image/io.github.incus4j/sandbox-runner/reachability-metadata.json");
        assertThat(metadata).as("the sample's AOT reachability metadata on the class path").isNotNull();
        try (InputStream in = metadata.openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains("\"io.github.incus4j.client.model.Instance\"",
                            "\"io.github.incus4j.client.model.FullDeserializer$OfInstance\"");
        }
    }
}
