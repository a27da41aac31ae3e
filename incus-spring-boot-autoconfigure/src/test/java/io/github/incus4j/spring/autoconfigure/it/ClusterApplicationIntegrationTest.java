package io.github.incus4j.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.ClientCredentials;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusClusterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A Boot application on a real 3-member cluster, configured with every member's address in
 * {@code incus.url} and nothing of the command line's: the client tries the members in turn, and
 * the health lists the members as the answering member sees them; with a member SIGKILLed it says
 * which one is offline once the cluster marks it, and {@code incus.health.max-offline-members}
 * decides whether that is DOWN. The member is restarted afterwards.
 */
@IncusClusterTest
class ClusterApplicationIntegrationTest {

    private static final Duration OFFLINE_WITHIN = Duration.ofSeconds(40);

    @Test
    void theHealthListsTheMembersAndNamesAnOfflineOne(IncusCluster cluster) throws InterruptedException {
        ClientCredentials trusted = cluster.trustedClient();
        IncusCluster.Member victim = cluster.members().stream().filter(member -> !member.equals(cluster.leader()))
                .reduce((first, second) -> second).orElseThrow();
        String urls = cluster.members().stream().map(member -> member.httpsUrl().toString())
                .collect(Collectors.joining(","));
        String[] properties = {"incus.url=" + urls, "incus.client-certificate=" + trusted.certificate(),
            "incus.client-key=" + trusted.privateKey(), "incus.server-certificate=" + cluster.certificate()};
        try (BootApp tolerant = BootApp.start(properties);
                BootApp strict = BootApp.start(append(properties, "incus.health.max-offline-members=0"))) {
            assertThat(tolerant.context().getBean(IncusClient.class).endpoint().urls())
                    .containsExactlyElementsOf(cluster.members().stream().map(IncusCluster.Member::httpsUrl).toList());
            String health = tolerant.get("/actuator/health/incus").body();
            assertThat(BootApp.<String>json(health, "$.status")).isEqualTo("UP");
            assertThat(BootApp.<Boolean>json(health, "$.details.clustered")).isTrue();
            assertThat(BootApp.<List<String>>json(health, "$.details.members[*].name"))
                    .containsExactlyInAnyOrderElementsOf(cluster.members().stream().map(IncusCluster.Member::name)
                            .toList());
            assertThat(BootApp.<List<String>>json(health, "$.details.members[*].status")).containsOnly("Online");
            assertThat(BootApp.<Integer>json(strict.get("/actuator/health/incus").body(), "$.details.offlineMembers"))
                    .isZero();

            cluster.kill(victim);
            try {
                Map<String, Object> offline = awaitOffline(tolerant, victim.name());
                assertThat(offline.get("status")).isEqualTo("UP");
                assertThat(offline.get("message").toString()).startsWith("No heartbeat");

                String strictHealth = strict.get("/actuator/health/incus").body();
                assertThat(BootApp.<String>json(strictHealth, "$.status")).isEqualTo("DOWN");
                assertThat(BootApp.<String>json(strictHealth, "$.details.reason")).isEqualTo("members-offline");
                assertThat(BootApp.<String>json(strictHealth, "$.details.hint"))
                        .contains("incus.health.max-offline-members (0)");
            } finally {
                cluster.restart(victim);
            }
        }
    }

    /** Polls the tolerant application's health until the victim shows offline; bounded in time. */
    private static Map<String, Object> awaitOffline(BootApp app, String victim) throws InterruptedException {
        long deadline = System.nanoTime() + OFFLINE_WITHIN.toNanos();
        String health = "";
        while (System.nanoTime() < deadline) {
            health = app.get("/actuator/health/incus").body();
            List<String> statuses = BootApp.json(health, "$.details.members[?(@.name == '" + victim + "')].status");
            if (statuses.contains("Offline")) {
                return Map.of("status", BootApp.json(health, "$.status"), "message",
                        BootApp.<List<String>>json(health,
                                "$.details.members[?(@.name == '" + victim + "')].message").get(0));
            }
            Thread.sleep(500);
        }
        throw new AssertionError(victim + " was not shown offline within " + OFFLINE_WITHIN + "; last health: " + health);
    }

    private static String[] append(String[] properties, String more) {
        String[] all = java.util.Arrays.copyOf(properties, properties.length + 1);
        all[properties.length] = more;
        return all;
    }
}
