package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusMemberUnavailableException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusClusterTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.util.retry.Retry;

/**
 * A real cluster with one member SIGKILLed: what a client sees through the members still alive,
 * and through a client that knows every member's address. The member is restarted afterwards, so
 * that the cluster the run shares is whole again.
 */
@IncusClusterTest
class ClusterMemberDownIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aDeadMemberIsNamedAndTheOthersKeepAnswering(IncusCluster cluster) {
        IncusCluster.Member leader = cluster.leader();
        List<IncusCluster.Member> others = cluster.members().stream().filter(member -> !member.equals(leader))
                .toList();
        IncusCluster.Member victim = others.get(0);
        IncusCluster.Member survivor = others.get(1);
        String onVictim = Transport.uniqueName("down");
        try (IncusClient client = ClusterClients.https(cluster, survivor);
                IncusClient everyMember = ClusterClients.https(cluster, victim, survivor, leader)) {
            client.target(victim.name()).instances()
                    .create(InstancesPost.builder(onVictim).source(InstanceSource.none()).build())
                    .flatMap(creation -> creation.await(WAIT)).block(WAIT);

            cluster.kill(victim);
            try {
                // Forwarded with target: the first such request waits about 10 s for the member.
                assertThatThrownBy(() -> client.target(victim.name()).server().get().block(WAIT))
                        .isInstanceOfSatisfying(IncusMemberUnavailableException.class, unavailable -> {
                            assertThat(unavailable.status()).isEqualTo(500);
                            assertThat(unavailable.member()).isEqualTo(victim.name());
                            assertThat(unavailable.getMessage()).contains("member '" + victim.name() + "'",
                                    "incus cluster evacuate", "IncusClient.target(...)");
                        });
                // Forwarded because the instance lives there: the daemon does not name the member.
                assertThatThrownBy(() -> client.instances().get(onVictim).block(WAIT))
                        .isInstanceOfSatisfying(IncusMemberUnavailableException.class, unavailable -> {
                            assertThat(unavailable.member()).isNull();
                            assertThat(unavailable.getMessage()).contains("member that holds this resource");
                        });
                // Placed on it: the daemon says which address it could not reach.
                assertThatThrownBy(() -> client.target(victim.name()).instances()
                        .create(InstancesPost.builder(Transport.uniqueName("never")).source(InstanceSource.none())
                                .build()).block(WAIT))
                        .isInstanceOfSatisfying(IncusMemberUnavailableException.class,
                                unavailable -> assertThat(unavailable.memberAddress()).isEqualTo(victim.address()));

                // What needs no particular member still works, and shows where the trouble is.
                Instance listed = client.instances().list().block(WAIT).stream()
                        .filter(instance -> instance.name().equals(onVictim)).findFirst().orElseThrow();
                assertThat(listed.location()).isEqualTo(victim.name());
                assertThat(listed.status()).isEqualTo("Error");
                // The dead member's own address refuses: the client moves on to the next member.
                assertThat(everyMember.server().get().block(WAIT).environment().serverName())
                        .isEqualTo(survivor.name());
            } finally {
                cluster.restart(victim);
            }
            // Back ONLINE is not yet back in use: the member that forwards needs its event connection
            // to the restarted one again first, and answers "Server isn't ready yet" until then.
            long restarted = System.nanoTime();
            client.instances().delete(onVictim).flatMap(deletion -> deletion.await(WAIT))
                    .retryWhen(Retry.fixedDelay(60, Duration.ofMillis(500))
                            .filter(IncusMemberUnavailableException.class::isInstance))
                    .block(WAIT);
            System.out.printf("[cluster] a forwarded request succeeded %d ms after the member was back online%n",
                    Duration.ofNanos(System.nanoTime() - restarted).toMillis());
            assertThat(client.instances().listNames().block(WAIT)).doesNotContain(onVictim);
        }
    }
}
