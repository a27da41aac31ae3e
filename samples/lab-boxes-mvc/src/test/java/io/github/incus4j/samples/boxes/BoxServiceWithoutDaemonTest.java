package io.github.incus4j.samples.boxes;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.test.wiremock.IncusStandIn;
import io.github.incus4j.test.wiremock.StandInOperation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against the Incus stand-in: no daemon, no root, for what a real daemon does rarely
 * or slowly (a start that fails). The starter is pointed at the stand-in with properties, its test
 * certificates being class path resources.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE)
class BoxServiceWithoutDaemonTest {

    @RegisterExtension
    static IncusStandIn incus = IncusStandIn.create();

    @DynamicPropertySource
    static void pointAtTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("incus.url", () -> incus.url().toString());
        registry.add("incus.client-certificate", () -> IncusStandIn.CLIENT_CERTIFICATE_LOCATION);
        registry.add("incus.client-key", () -> IncusStandIn.CLIENT_KEY_LOCATION);
        registry.add("incus.server-certificate", () -> IncusStandIn.SERVER_CERTIFICATE_LOCATION);
    }

    @Autowired
    BoxService boxes;

    @Test
    void boxesAreListedByName() {
        incus.get("/1.0/instances").returns("""
                [{"name":"b2","status":"Stopped","created_at":"2026-01-02T03:04:05Z"},
                 {"name":"b1","status":"Running","created_at":"2026-01-01T00:00:00Z"}]
                """);

        assertThat(boxes.list()).containsExactly(new Box("b1", "Running", "2026-01-01T00:00:00Z"),
                new Box("b2", "Stopped", "2026-01-02T03:04:05Z"));
    }

    @Test
    void aBoxThatCannotStartIsTheDaemonsError() {
        incus.get("/1.0/images/aliases/busybox").returns("{\"name\":\"busybox\",\"target\":\"" + "f".repeat(64) + "\"}");
        incus.post("/1.0/instances").startsOperation(
                StandInOperation.fails("Failed to run: no space left on device").description("Creating instance"));

        assertThatThrownBy(() -> boxes.create(new NewBox("b1", null)))
                .isInstanceOfSatisfying(IncusOperationException.class,
                        e -> assertThat(e.error()).isEqualTo("Failed to run: no space left on device"));
    }

    @Test
    void aRunningBoxIsStoppedBeforeItIsDeleted() {
        incus.get("/1.0/instances/b1").returns("{\"name\":\"b1\",\"status\":\"Running\"}");
        incus.put("/1.0/instances/b1/state").startsOperation(StandInOperation.succeeds());
        incus.delete("/1.0/instances/b1").startsOperation(StandInOperation.succeeds());

        boxes.delete("b1");

        assertThat(incus.operations()).extracting(operation -> operation.request())
                .containsExactly("PUT /1.0/instances/b1/state", "DELETE /1.0/instances/b1");
        incus.wireMock().verify(deleteRequestedFor(urlPathEqualTo("/1.0/instances/b1")));
    }
}
