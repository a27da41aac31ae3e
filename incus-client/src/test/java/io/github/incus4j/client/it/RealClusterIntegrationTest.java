package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.ClusterGroupPut;
import io.github.incus4j.client.model.ClusterJoinToken;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.ClusterMemberConfigKey;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.test.IncusCluster;
import io.github.incus4j.test.IncusClusterTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client against a real 3-member cluster (the run shares one): members and their state through
 * every member over HTTPS and through a member's Unix socket, the cluster's one certificate pinned
 * for every member, ETags on members, groups and placement, instance and operation locations,
 * operations and events across members, evacuation, join tokens, and a server joined through the
 * client's own API and removed again. Each test leaves the cluster as it found it.
 */
@IncusClusterTest
class RealClusterIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void everyMemberAnswersWithTheClustersOneCertificatePinned(IncusCluster cluster) {
        List<String> names = cluster.members().stream().map(IncusCluster.Member::name).toList();
        for (IncusCluster.Member member : cluster.members()) {
            // The certificate's names match 127.0.0.1 only: pinning must not check host names.
            try (IncusClient client = ClusterClients.https(cluster, member)) {
                assertThat(client.server().get().block(WAIT).environment().serverName()).isEqualTo(member.name());
                List<ClusterMember> members = client.cluster().members().list().block(WAIT);
                assertThat(members).extracting(ClusterMember::serverName).containsExactlyInAnyOrderElementsOf(names);
                assertThat(members).allSatisfy(listed -> assertThat(listed.status()).isEqualTo("Online"));
            }
        }
        try (IncusClient local = ClusterClients.unixSocket(cluster.members().get(0))) {
            List<ClusterMember> members = local.cluster().members().list().block(WAIT);
            assertThat(members).filteredOn(listed -> listed.roles().contains("database-leader")).hasSize(1);
            assertThat(members).filteredOn(listed -> listed.database()).hasSize(3);
            assertThat(local.cluster().isClustered().block(WAIT)).isTrue();
            assertThat(local.cluster().members().state(names.get(1)).block(WAIT).storagePools()).containsKey("default");
        }
    }

    @Test
    void aMembersConfigurationIsReplacedWithItsEtagAndAStaleOneIsRefused(IncusCluster cluster) {
        IncusCluster.Member member = cluster.members().get(1);
        try (IncusClient client = ClusterClients.https(cluster, cluster.members().get(0))) {
            ETagged<ClusterMember> read = client.cluster().members().getWithEtag(member.name()).block(WAIT);
            String before = read.value().description();
            try {
                client.cluster().members().update(member.name(), read.value().toPut().withDescription("edited"),
                        read.etag()).block(WAIT);
                assertThat(client.cluster().members().get(member.name()).block(WAIT).description())
                        .isEqualTo("edited");
                assertThatThrownBy(() -> client.cluster().members().update(member.name(),
                        read.value().toPut().withDescription("lost update"), read.etag()).block(WAIT))
                        .isInstanceOf(IncusPreconditionFailedException.class);
            } finally {
                ETagged<ClusterMember> now = client.cluster().members().getWithEtag(member.name()).block(WAIT);
                client.cluster().members().update(member.name(), now.value().toPut().withDescription(before),
                        now.etag()).block(WAIT);
            }
        }
    }

    @Test
    void instancesArePlacedByTargetAndByGroupAndCarryTheirLocation(IncusCluster cluster) {
        IncusCluster.Member second = cluster.members().get(1);
        IncusCluster.Member third = cluster.members().get(2);
        String byTarget = Transport.uniqueName("on2");
        String byGroup = Transport.uniqueName("ong");
        String group = Transport.uniqueName("grp");
        try (IncusClient client = ClusterClients.https(cluster, cluster.members().get(0))) {
            client.cluster().groups().create(group, new ClusterGroupPut("only the third", List.of(third.name()),
                    Map.of(), Map.of())).block(WAIT);
            try {
                OperationHandle created = client.target(second.name()).instances()
                        .create(InstancesPost.builder(byTarget).source(InstanceSource.none()).build()).block(WAIT);
                Operation done = created.await(WAIT).block(WAIT);
                assertThat(done.location()).isEqualTo(second.name());
                client.target("@" + group).instances()
                        .create(InstancesPost.builder(byGroup).source(InstanceSource.none()).build())
                        .flatMap(creation -> creation.await(WAIT)).block(WAIT);

                assertThat(client.instances().get(byTarget).block(WAIT).location()).isEqualTo(second.name());
                assertThat(client.instances().get(byGroup).block(WAIT).location()).isEqualTo(third.name());
            } finally {
                deleteQuietly(client, byTarget);
                deleteQuietly(client, byGroup);
                // Only an empty group can be deleted.
                client.cluster().groups().update(group, new ClusterGroupPut("", List.of(), Map.of(), Map.of()), null)
                        .block(WAIT);
                client.cluster().groups().delete(group).block(WAIT);
            }
        }
    }

    @Test
    void anOperationStartedThroughOneMemberIsAwaitedThroughAnother(IncusCluster cluster) {
        String name = Transport.uniqueName("opx");
        IncusCluster.Member third = cluster.members().get(2);
        try (IncusClient first = ClusterClients.https(cluster, cluster.members().get(0));
                IncusClient second = ClusterClients.https(cluster, cluster.members().get(1))) {
            OperationHandle started = first.target(third.name()).instances()
                    .create(InstancesPost.builder(name).source(InstanceSource.none()).build()).block(WAIT);
            try {
                Operation done = second.operations().await(started.id(), WAIT, false).block(WAIT);
                assertThat(done.id()).isEqualTo(started.id());
                assertThat(done.isSuccess()).isTrue();
                assertThat(second.instances().get(name).block(WAIT).location()).isEqualTo(third.name());
            } finally {
                deleteQuietly(first, name);
            }
        }
    }

    @Test
    void eventsThroughOneMemberShowInstancesOnAnother(IncusCluster cluster) {
        String name = Transport.uniqueName("evx");
        IncusCluster.Member third = cluster.members().get(2);
        try (IncusClient first = ClusterClients.https(cluster, cluster.members().get(0));
                EventSubscription events = first.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                        .block(WAIT)) {
            try {
                first.target(third.name()).instances()
                        .create(InstancesPost.builder(name).source(InstanceSource.none()).build())
                        .flatMap(creation -> creation.await(WAIT)).block(WAIT);

                LifecycleEvent created = events.events().ofType(LifecycleEvent.class)
                        .filter(event -> event.action().equals("instance-created") && event.name().equals(name))
                        .blockFirst(WAIT);
                assertThat(created.location()).isEqualTo(third.name());
            } finally {
                deleteQuietly(first, name);
            }
        }
    }

    @Test
    void anEvacuatedMembersStoppedInstancesMoveAwayAndComeBackOnRestore(IncusCluster cluster) {
        IncusCluster.Member member = cluster.members().get(1);
        String name = Transport.uniqueName("evac");
        try (IncusClient client = ClusterClients.https(cluster, cluster.members().get(0))) {
            client.target(member.name()).instances()
                    .create(InstancesPost.builder(name).image(cluster.imageAlias()).build())
                    .flatMap(creation -> creation.await(WAIT)).block(WAIT);
            try {
                client.cluster().members().changeState(member.name(), "evacuate", "migrate")
                        .flatMap(evacuation -> evacuation.await(WAIT)).block(WAIT);
                assertThat(client.cluster().members().get(member.name()).block(WAIT).status())
                        .isEqualTo("Evacuated");
                assertThat(client.instances().get(name).block(WAIT).location()).isNotEqualTo(member.name());

                client.cluster().members().changeState(member.name(), "restore", "")
                        .flatMap(restore -> restore.await(WAIT)).block(WAIT);
                assertThat(client.cluster().members().get(member.name()).block(WAIT).status()).isEqualTo("Online");
                assertThat(client.instances().get(name).block(WAIT).location()).isEqualTo(member.name());
            } finally {
                ClusterMember now = client.cluster().members().get(member.name()).block(WAIT);
                if (!now.status().equals("Online")) {
                    client.cluster().members().changeState(member.name(), "restore", "")
                            .flatMap(restore -> restore.await(WAIT)).block(WAIT);
                }
                deleteQuietly(client, name);
            }
        }
    }

    @Test
    void joinTokensAreCreatedListedAndRevoked(IncusCluster cluster) {
        try (IncusClient client = ClusterClients.https(cluster, cluster.members().get(0))) {
            String future = Transport.uniqueName("future");
            ClusterJoinToken token = client.cluster().members().createJoinToken(future).block(WAIT);

            assertThat(token.serverName()).isEqualTo(future);
            assertThat(token.addresses()).containsAnyElementsOf(
                    cluster.members().stream().map(IncusCluster.Member::address).toList());
            assertThat(ClusterJoinToken.decode(token.encoded())).isEqualTo(token);
            assertThat(token.toString()).doesNotContain(token.secret());
            assertThat(client.cluster().members().listJoinTokens().block(WAIT)).extracting(ClusterJoinToken::serverName)
                    .contains(future);

            client.cluster().members().revokeJoinToken(future).block(WAIT);
            assertThat(client.cluster().members().listJoinTokens().block(WAIT)).extracting(ClusterJoinToken::serverName)
                    .doesNotContain(future);
        }
    }

    @Test
    void aServerJoinsThroughTheClientsOwnApiAndIsRemovedAgain(IncusCluster cluster) {
        IncusCluster.Member joining = cluster.startUnjoinedMember();
        try (IncusClient clusterClient = ClusterClients.https(cluster, cluster.members().get(0));
                IncusClient newcomer = ClusterClients.unixSocket(joining)) {
            assertThat(newcomer.cluster().isClustered().block(WAIT)).isFalse();
            ClusterJoinToken token = clusterClient.cluster().members().createJoinToken(joining.name()).block(WAIT);

            newcomer.cluster().join(token.encoded(), joining.address(),
                    List.of(ClusterMemberConfigKey.storagePool("default", "source", "")))
                    .flatMap(join -> join.await(WAIT)).block(WAIT);

            assertThat(clusterClient.cluster().members().get(joining.name()).block(WAIT).status()).isEqualTo("Online");
            assertThat(newcomer.cluster().members().listNames().block(WAIT)).contains(joining.name())
                    .containsAll(cluster.members().stream().map(IncusCluster.Member::name).toList());

            clusterClient.cluster().members().delete(joining.name()).block(WAIT);
            assertThat(clusterClient.cluster().members().listNames().block(WAIT)).doesNotContain(joining.name());
        } finally {
            cluster.remove(joining);
        }
    }

    /** README, "Clusters": the example, with the test cluster's addresses, files and a group of its own. */
    @Test
    void readmeClustersExample(IncusCluster cluster) {
        String group = Transport.uniqueName("gpu");
        String onMember = Transport.uniqueName("web1");
        String onGroup = Transport.uniqueName("web2");
        IncusCluster.Member joining = cluster.startUnjoinedMember();
        IncusCluster.Member second = cluster.members().get(1);
        try (IncusClient admin = ClusterClients.https(cluster, cluster.members().get(0));
                IncusClient newServer = ClusterClients.unixSocket(joining)) {
            admin.cluster().groups().create(group, new ClusterGroupPut("", List.of(cluster.members().get(2).name()),
                    Map.of(), Map.of())).block(WAIT);
            try (IncusClient incusCluster = IncusClient.builder()
                    // README: "https://node1:8443", "https://node2:8443", "https://node3:8443", client.crt,
                    // client.key and servercerts/cluster.crt; a group named gpu; node2; 10.0.0.4:8443.
                    .urls(cluster.members().stream().map(member -> member.httpsUrl().toString()).toList())
                    .clientCertificate(cluster.trustedClient().certificate(), cluster.trustedClient().privateKey())
                    .serverCertificate(cluster.certificate())
                    .build()) {
                assertThat(incusCluster.cluster().members().list().block()).hasSize(cluster.members().size());
                incusCluster.target(second.name()).instances().create(InstancesPost.builder(onMember)
                        .source(InstanceSource.none()).build()).flatMap(creation -> creation.await(WAIT)).block();
                incusCluster.target("@" + group).instances().create(InstancesPost.builder(onGroup)
                        .source(InstanceSource.none()).build()).flatMap(creation -> creation.await(WAIT)).block();
                assertThat(incusCluster.instances().get(onMember).block().location()).isEqualTo(second.name());
                assertThat(incusCluster.instances().get(onGroup).block().location())
                        .isEqualTo(cluster.members().get(2).name());
                ClusterJoinToken token = incusCluster.cluster().members().createJoinToken(joining.name()).block();
                newServer.cluster().join(token.encoded(), joining.address(),
                        List.of(ClusterMemberConfigKey.storagePool("default", "source", "")))
                        .flatMap(join -> join.await(WAIT)).block();
                assertThat(incusCluster.cluster().members().listNames().block()).contains(joining.name());
            } finally {
                deleteQuietly(admin, onMember);
                deleteQuietly(admin, onGroup);
                admin.cluster().groups().update(group, new ClusterGroupPut("", List.of(), Map.of(), Map.of()), null)
                        .block(WAIT);
                admin.cluster().groups().delete(group).block(WAIT);
            }
        } finally {
            cluster.remove(joining);
        }
    }

    private static void deleteQuietly(IncusClient client, String name) {
        client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT))
                .onErrorResume(gone -> reactor.core.publisher.Mono.empty()).block(WAIT);
    }
}
