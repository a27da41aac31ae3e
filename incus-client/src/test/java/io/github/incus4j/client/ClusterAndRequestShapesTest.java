package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.async;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusNotClusteredException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.ClusterGroup;
import io.github.incus4j.client.model.ClusterMember;
import io.github.incus4j.client.model.ClusterMemberState;
import io.github.incus4j.client.model.NetworkAddressSetPut;
import io.github.incus4j.client.model.NetworkLease;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the test daemon cannot show (a cluster, DHCP leases, address sets on Incus 6.0, record
 * PATCH), against payloads shaped like the specification's examples.
 */
class ClusterAndRequestShapesTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private static final String MEMBER = "{\"server_name\":\"node1\",\"url\":\"https://10.0.0.1:8443\","
            + "\"database\":true,\"status\":\"Online\",\"message\":\"Fully operational\",\"architecture\":\"x86_64\","
            + "\"failure_domain\":\"rack1\",\"description\":\"AMD Epyc 32c/64t\",\"config\":{\"scheduler.instance\":"
            + "\"all\"},\"roles\":[\"database\"],\"groups\":[\"default\"],\"new_7x_field\":42}";

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void clusterMembersAreReadAndWrittenBack() {
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"/1.0/cluster/members/node1\",\"/1.0/cluster/members/node%202\"]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members?recursion=1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[" + MEMBER + "]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members/node1")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"m1\"").withBody(sync(MEMBER))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members/node1/state")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"storage_pools\":{\"local\":{\"space\":{\"used\":1,\"total\":2}}},"
                        + "\"sysinfo\":{\"uptime\":1234,\"load_averages\":[0.1,0.2,0.3]}}"))));
        wireMock.stubFor(patch(urlEqualTo("/1.0/cluster/members/node1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));

        assertThat(client.cluster().members().listNames().block()).containsExactly("node1", "node 2");
        ClusterMember member = client.cluster().members().list().block().get(0);
        assertThat(member.serverName()).isEqualTo("node1");
        assertThat(member.database()).isTrue();
        assertThat(member.roles()).containsExactly("database");
        assertThat(member.failureDomain()).isEqualTo("rack1");
        assertThat(member.toPut().extra()).containsEntry("new_7x_field", 42);
        ClusterMemberState state = client.cluster().members().state("node1").block();
        assertThat(state.sysinfo()).containsEntry("uptime", 1234);
        assertThat(state.storagePools()).containsKey("local");

        ETagged<ClusterMember> read = client.cluster().members().getWithEtag("node1").block();
        client.cluster().members().patch("node1", Map.of("failure_domain", "rack2"), read.etag()).block();
        wireMock.verify(patchRequestedFor(urlEqualTo("/1.0/cluster/members/node1"))
                .withHeader("If-Match", equalTo("\"m1\""))
                .withRequestBody(equalToJson("{\"failure_domain\":\"rack2\"}")));
    }

    @Test
    void membersAreEvacuatedAndRemovedAndGroupsRead() {
        wireMock.stubFor(post(urlEqualTo("/1.0/cluster/members/node1/state")).willReturn(aResponse().withStatus(202)
                .withBody(async("op-evac"))));
        wireMock.stubFor(delete(urlPathEqualTo("/1.0/cluster/members/node1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/groups?recursion=1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[{\"name\":\"default\",\"description\":\"Default cluster group\","
                        + "\"members\":[\"node1\",\"node2\"],\"config\":{},\"used_by\":[]}]"))));

        OperationHandle evacuation = client.cluster().members().changeState("node1", "evacuate", "stop").block();
        client.cluster().members().delete("node1", true).block();
        List<ClusterGroup> groups = client.cluster().groups().list().block();

        assertThat(evacuation.id()).isEqualTo("op-evac");
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/cluster/members/node1/state"))
                .withRequestBody(equalToJson("{\"action\":\"evacuate\",\"mode\":\"stop\"}")));
        wireMock.verify(deleteRequestedFor(urlEqualTo("/1.0/cluster/members/node1?force=1")));
        assertThat(groups).singleElement().satisfies(group -> assertThat(group.members()).containsExactly("node1",
                "node2"));
    }

    @Test
    void notClusteredAnswersOfAnyStatusBecomeOneException() {
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members")).willReturn(aResponse().withStatus(500)
                .withBody(error(500, "Server is not clustered"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/groups")).willReturn(aResponse().withStatus(400)
                .withBody(error(400, "This server is not clustered"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/cluster/members/x/state")).willReturn(aResponse().withStatus(404)
                .withBody(error(404, "Cluster member not found"))));

        assertThatThrownBy(() -> client.cluster().members().listNames().block())
                .isInstanceOfSatisfying(IncusNotClusteredException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThatThrownBy(() -> client.cluster().groups().listNames().block())
                .isInstanceOfSatisfying(IncusNotClusteredException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> client.cluster().members().state("x").block())
                .isExactlyInstanceOf(IncusNotFoundException.class);
    }

    @Test
    void leasesOfABridgeAreRead() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/br0/leases")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[{\"hostname\":\"c1\",\"hwaddr\":\"00:16:3e:2c:89:d9\",\"address\":\"10.0.0.98\","
                        + "\"type\":\"dynamic\",\"location\":\"none\"}]"))));

        assertThat(client.networks().leases("br0").block()).containsExactly(
                new NetworkLease("c1", "00:16:3e:2c:89:d9", "10.0.0.98", "dynamic", "none", ""));
    }

    @Test
    void addressSetsAreSentWhenTheServerHasTheExtensionAndNeverOtherwise() {
        wireMock.stubFor(get(urlEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"api_extensions\":[\"network_address_set\"],\"auth\":\"trusted\"}"))));
        wireMock.stubFor(post(urlEqualTo("/1.0/network-address-sets")).willReturn(aResponse().withStatus(201)
                .withBody(sync("{}"))));

        client.networkAddressSets().create("web", NetworkAddressSetPut.empty()
                .withAddresses(List.of("192.0.2.1", "2001:db8::/64"))).block();

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/network-address-sets")).withRequestBody(equalToJson(
                "{\"name\":\"web\",\"description\":\"\",\"addresses\":[\"192.0.2.1\",\"2001:db8::/64\"],\"config\":{}}")));

        try (IncusClient old = WireMockIncus.client(wireMock).build()) {
            wireMock.resetAll();
            wireMock.stubFor(get(urlEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                    .withBody(sync("{\"api_extensions\":[\"projects\"],\"auth\":\"trusted\"}"))));
            assertThatThrownBy(() -> old.networkAddressSets().delete("web").block())
                    .isInstanceOf(IncusUnsupportedException.class);
            wireMock.verify(1, anyRequestedFor(anyUrl()));
        }
    }

    @Test
    void aZoneRecordPatchCarriesOnlyTheGivenFields() {
        wireMock.stubFor(patch(urlEqualTo("/1.0/network-zones/lab.example.net/records/www"))
                .willReturn(aResponse().withStatus(200).withBody(sync("{}"))));

        client.networkZones().records("lab.example.net").patch("www", Map.of("description", "d"), "\"e1\"").block();

        wireMock.verify(patchRequestedFor(urlEqualTo("/1.0/network-zones/lab.example.net/records/www"))
                .withHeader("If-Match", equalTo("\"e1\"")).withRequestBody(equalToJson("{\"description\":\"d\"}")));
    }
}
