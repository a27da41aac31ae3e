package io.github.incus4j.test.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's unit test of {@link InstanceLauncher}: no daemon, no root, a few hundred milliseconds. */
class InstanceLauncherTest {

    @RegisterExtension
    static IncusStandIn incus = IncusStandIn.create();

    private IncusClient client;
    private InstanceLauncher launcher;

    @BeforeEach
    void connect() {
        client = incus.clientBuilder().build();
        launcher = new InstanceLauncher(client, Duration.ofSeconds(2));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void launchingWaitsForTheOperationToSucceed() {
        incus.post("/1.0/instances").startsOperation(StandInOperation.succeeds().after(Duration.ofMillis(300))
                .description("Creating instance").resource("instances", "/1.0/instances/web1"));

        Operation done = launcher.launch("web1", "debian/12");

        assertThat(done.isSuccess()).isTrue();
        assertThat(done.description()).isEqualTo("Creating instance");
        incus.wireMock().verify(postRequestedFor(urlPathEqualTo("/1.0/instances"))
                .withRequestBody(matchingJsonPath("$.name", equalTo("web1")))
                .withRequestBody(matchingJsonPath("$.source.alias", equalTo("debian/12")))
                .withRequestBody(matchingJsonPath("$.start", equalTo("true"))));
        assertThat(incus.operations()).singleElement().satisfies(operation -> assertThat(operation.status())
                .isEqualTo("Success"));
    }

    @Test
    void aFailedLaunchRaisesTheDaemonsError() {
        incus.post("/1.0/instances").startsOperation(
                StandInOperation.fails("Failed creating instance record: Instance \"web1\" already exists"));

        assertThatThrownBy(() -> launcher.launch("web1", "debian/12"))
                .isInstanceOfSatisfying(IncusOperationException.class, e -> assertThat(e.error())
                        .isEqualTo("Failed creating instance record: Instance \"web1\" already exists"));
    }

    @Test
    void aLaunchThatDoesNotFinishInTimeRaisesATimeoutAndKeepsRunning() {
        incus.post("/1.0/instances").startsOperation(StandInOperation.neverFinishes());
        launcher = new InstanceLauncher(client, Duration.ofSeconds(1));

        assertThatThrownBy(() -> launcher.launch("web1", "debian/12"))
                .isInstanceOfSatisfying(IncusOperationTimeoutException.class,
                        e -> assertThat(e.lastSeen().status()).isEqualTo("Running"));

        assertThat(incus.operations()).singleElement().satisfies(operation -> {
            assertThat(operation.status()).isEqualTo("Running");
            assertThat(operation.isCancelled()).isFalse();
        });
    }

    @Test
    void aChangeWithTheCurrentEtagGoesThrough() {
        incus.get("/1.0/instances/web1").etag("e1").returns(INSTANCE);
        incus.put("/1.0/instances/web1").etag("e1").startsOperation(StandInOperation.succeeds());

        launcher.limitCpu("web1", 2);

        incus.wireMock().verify(putRequestedFor(urlPathEqualTo("/1.0/instances/web1"))
                .withHeader("If-Match", equalTo("\"e1\""))
                .withRequestBody(matchingJsonPath("$.config['limits.cpu']", equalTo("2"))));
    }

    @Test
    void aChangeWithAStaleEtagIsRefusedInsteadOfOverwritingSomeoneElses() {
        incus.get("/1.0/instances/web1").etag("e1").returns(INSTANCE);
        // Someone else changed the instance after it was read: it has another ETag now.
        incus.put("/1.0/instances/web1").etag("e2").startsOperation(StandInOperation.succeeds());

        assertThatThrownBy(() -> launcher.limitCpu("web1", 2))
                .isInstanceOfSatisfying(IncusPreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.serverMessage()).isEqualTo("ETag doesn't match: e2 vs e1");
                });
        assertThat(incus.operations()).isEmpty();
    }

    private static final String INSTANCE = """
            {"name":"web1","type":"container","status":"Running","status_code":103,"architecture":"x86_64",
             "config":{"image.os":"Debian"},"devices":{},"profiles":["default"],"ephemeral":false,
             "stateful":false,"description":"","project":"default","location":"none"}
            """;
}
