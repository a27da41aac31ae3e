package io.github.incus4j.samples.sandbox;

import org.springframework.test.web.reactive.server.WebTestClient;

/** What a user checks of the sample's health, whichever way it was started. */
final class HealthChecks {

    private HealthChecks() {
    }

    /** The health shows Incus UP; readiness depends on it, liveness does not. */
    static void incusIsUpAndOnlyReadinessDependsOnIt(WebTestClient http) {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.incus.status").isEqualTo("UP")
                .jsonPath("$.components.incus.details.serverVersion").isNotEmpty();
        http.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.incus.status").isEqualTo("UP");
        http.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.components.incus").doesNotExist();
    }
}
