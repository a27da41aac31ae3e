package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ClusterGroupsApi;
import io.github.incus4j.client.ClusterMembersApi;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusForbiddenException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.ClusterGroup;
import io.github.incus4j.client.model.ClusterGroupPut;
import io.github.incus4j.client.model.ClusterJoinToken;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.ClusterPut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.util.retry.Retry;

/**
 * A cluster of one member, made and left on a daemon of its own (enabling clustering changes the
 * daemon for good): members, groups and join tokens as a user sees them, and what Incus 6.0.4 does
 * that the Javadoc warns about.
 */
@IncusIntegrationTest(scope = IncusIntegrationTest.Scope.CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterMembersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @Order(1)
    void aOneMemberClusterIsMadeReadChangedAndLeft(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            OperationHandle enabling = client.cluster().update(ClusterPut.enable("node1")).block();
            assertThat(enabling.await(WAIT).block().isSuccess()).isTrue();
            assertThat(client.cluster().isClustered().block()).isTrue();
            assertThat(client.cluster().get().block().serverName()).isEqualTo("node1");

            ClusterMembersApi members = client.cluster().members();
            assertThat(members.listNames().block()).containsExactly("node1");
            ETagged<ClusterMember> read = members.getWithEtag("node1").block();
            assertThat(read.etag()).isNotBlank();
            assertThat(read.value().status()).isEqualTo("Online");
            assertThat(read.value().groups()).containsExactly("default");
            assertThat(members.list().block()).extracting(ClusterMember::serverName).containsExactly("node1");
            assertThat(members.state("node1").block().storagePools()).containsKey("default");

            // Incus 6.0.4 takes the roles a PATCH does not carry as dropped, and refuses.
            assertThatThrownBy(() -> members.patch("node1", Map.of("description", "x"), null).block())
                    .isInstanceOfSatisfying(IncusApiException.class,
                            e -> assertThat(e.serverMessage()).contains("role cannot be dropped"));
            members.update("node1", read.value().toPut().withDescription("the only one"), read.etag()).block();
            assertThat(members.get("node1").block().description()).isEqualTo("the only one");

            ClusterJoinToken token = members.createJoinToken("node2").block();
            assertThat(token.serverName()).isEqualTo("node2");
            assertThat(token.secret()).isNotEmpty();
            assertThat(ClusterJoinToken.decode(token.encoded())).isEqualTo(token);
            assertThat(members.listJoinTokens().block()).extracting(ClusterJoinToken::serverName).containsExactly("node2");
            members.revokeJoinToken("node2").block();
            assertThat(members.listJoinTokens().block()).isEmpty();

            groups(client.cluster().groups());

            try {
                OperationHandle leaving = client.cluster().update(ClusterPut.leave("")).block();
                assertThat(leaving.await(WAIT).block().isSuccess()).isTrue();
            } catch (IncusConnectionException cutShort) {
                // Seen under load: the daemon restarts before the end of its answer reached us.
                assertThat(cutShort.getMessage()).contains("PUT /1.0/cluster").contains("the daemon may have restarted");
            }
            // The daemon restarts itself after leaving: its socket refuses connections for a moment.
            assertThat(client.cluster().isClustered().retryWhen(Retry.fixedDelay(60, Duration.ofMillis(500))
                    .filter(IncusConnectionException.class::isInstance)).block()).isFalse();
        }
    }

    private static void groups(ClusterGroupsApi groups) {
        assertThat(groups.listNames().block()).containsExactly("default");
        groups.create("g1", new ClusterGroupPut("first", List.of("node1"), Map.of(), Map.of())).block();
        groups.patch("g1", Map.of("description", "patched"), null).block();
        ClusterGroup patched = groups.get("g1").block();
        assertThat(patched.description()).isEqualTo("patched");
        assertThat(patched.members()).as("a PATCH keeps the members").containsExactly("node1");
        groups.rename("g1", "g2").block();
        assertThat(groups.list().block()).extracting(ClusterGroup::name).containsExactlyInAnyOrder("default", "g2");

        assertThatThrownBy(() -> groups.delete("g2").block()).isInstanceOfSatisfying(IncusApiException.class,
                e -> assertThat(e.serverMessage()).isEqualTo("Only empty cluster groups can be removed"));
        ETagged<ClusterGroup> g2 = groups.getWithEtag("g2").block();
        groups.update("g2", new ClusterGroupPut("emptied", List.of(), Map.of(), Map.of()), g2.etag()).block();
        groups.delete("g2").block();
        assertThatThrownBy(() -> groups.delete("default").block()).isInstanceOf(IncusForbiddenException.class);
    }

    @Test
    @Order(2)
    void aStandaloneServerAnswersForItsOwnEntryNone(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            ClusterMembersApi members = client.cluster().members();
            assertThat(client.cluster().isClustered().block()).isFalse();
            assertThatThrownBy(() -> members.state("nobody").block()).isInstanceOf(IncusNotFoundException.class);
            assertThatThrownBy(() -> members.rename("nobody", "renamed").block())
                    .isInstanceOf(IncusNotFoundException.class).hasMessageContaining("Cluster member not found");
            assertThat(members.state("none").block().sysinfo()).containsKey("uptime");

            members.rename("none", "renamed").block();

            assertThat(client.cluster().get().block()).satisfies(cluster -> {
                assertThat(cluster.serverName()).isEqualTo("renamed");
                assertThat(cluster.enabled()).as("GET /1.0/cluster follows the name").isTrue();
            });
            assertThat(client.cluster().isClustered().block()).as("GET /1.0 still knows better").isFalse();
        }
    }
}
