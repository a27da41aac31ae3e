package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusNotClusteredException;
import io.github.incus4j.client.model.Cluster;
import io.github.incus4j.client.model.ClusterGroupPut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The cluster endpoints on the standalone test daemon: every "not clustered" answer becomes one exception. */
@IncusIntegrationTest
class ClusterIntegrationTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aStandaloneServerSaysItIsNotClustered(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon)) {
            Cluster cluster = client.cluster().get().block();
            assertThat(cluster.enabled()).isFalse();
            assertThat(cluster.serverName()).isEmpty();
            assertThat(client.cluster().isClustered().block()).isFalse();

            // Incus 6.0.4: members answer 500 "Server is not clustered", groups 400 "This server is not clustered"
            assertThatThrownBy(() -> client.cluster().members().listNames().block())
                    .isInstanceOfSatisfying(IncusNotClusteredException.class, e -> {
                        assertThat(e.serverMessage()).containsIgnoringCase("not clustered");
                        assertThat(e.status()).isIn(400, 500);
                        assertThat(e.getMessage()).contains("isClustered()");
                    });
            assertThatThrownBy(() -> client.cluster().members().list().block())
                    .isInstanceOf(IncusNotClusteredException.class);
            assertThatThrownBy(() -> client.cluster().members().get("none").block())
                    .isInstanceOf(IncusNotClusteredException.class);
            assertThatThrownBy(() -> client.cluster().members().patch("none", Map.of("description", "x"), null).block())
                    .isInstanceOf(IncusNotClusteredException.class);
            assertThatThrownBy(() -> client.cluster().members().createJoinToken("new-member").block())
                    .isInstanceOf(IncusNotClusteredException.class);
            assertThatThrownBy(() -> client.cluster().groups().listNames().block())
                    .isInstanceOfSatisfying(IncusNotClusteredException.class,
                            e -> assertThat(e.status()).isIn(400, 500));
            assertThatThrownBy(() -> client.cluster().groups().list().block())
                    .isInstanceOf(IncusNotClusteredException.class);
            assertThatThrownBy(() -> client.cluster().groups().create("g1", ClusterGroupPut.empty()).block())
                    .isInstanceOf(IncusNotClusteredException.class);
        }
    }
}
