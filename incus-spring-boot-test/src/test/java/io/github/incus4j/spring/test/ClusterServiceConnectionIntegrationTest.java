package io.github.incus4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusCluster;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/** A @SpringBootTest against the run's three-member cluster: every member's address, the cluster trusted. */
@SpringBootTest(classes = TestApplication.class)
@IncusClusterServiceConnection
class ClusterServiceConnectionIntegrationTest {

    @Autowired
    IncusClient incus;

    @Autowired
    ApplicationContext context;

    @Test
    void theClientHasEveryMembersAddressAndIsTrusted(IncusCluster cluster) {
        List<URI> members = cluster.members().stream().map(IncusCluster.Member::httpsUrl).toList();
        assertThat(members).hasSize(IncusCluster.DEFAULT_SIZE);
        assertThat(incus.endpoint().urls()).containsExactlyElementsOf(members);

        assertThat(incus.server().get().block().auth()).isEqualTo("trusted");
        assertThat(context.getBean(IncusCluster.class)).isSameAs(cluster);
    }

    @Test
    void eachMemberAnswersThroughTheSameCredentials(IncusCluster cluster) {
        for (IncusCluster.Member member : cluster.members()) {
            String serverName = incus.target(member.name()).server().get().block().environment().serverName();
            assertThat(serverName).isEqualTo(member.name());
        }
    }
}
