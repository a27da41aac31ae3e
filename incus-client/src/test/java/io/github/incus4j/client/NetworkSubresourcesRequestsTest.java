package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.NetworkAllocation;
import io.github.incus4j.client.model.NetworkForward;
import io.github.incus4j.client.model.NetworkForwardPort;
import io.github.incus4j.client.model.NetworkForwardPut;
import io.github.incus4j.client.model.NetworkLoadBalancer;
import io.github.incus4j.client.model.NetworkLoadBalancerBackend;
import io.github.incus4j.client.model.NetworkLoadBalancerPort;
import io.github.incus4j.client.model.NetworkLoadBalancerPut;
import io.github.incus4j.client.model.NetworkLoadBalancerState;
import io.github.incus4j.client.model.NetworkPeer;
import io.github.incus4j.client.model.NetworkPeersPost;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Forwards, load balancers, peers and allocations against answers shaped like the specification's
 * examples (Incus 7.3), for what a standalone daemon without OVN and without a bridge address
 * cannot do: what the client sends (method, path, query, body, If-Match) and what it reads back.
 */
class NetworkSubresourcesRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String FORWARD = "{\"listen_address\":\"192.0.2.1\",\"description\":\"My public IP forward\","
            + "\"config\":{\"target_address\":\"198.51.100.2\"},\"location\":\"server01\",\"ports\":[{"
            + "\"description\":\"My web server forward\",\"protocol\":\"tcp\",\"listen_port\":\"80,81,8080-8090\","
            + "\"target_address\":\"198.51.100.3\",\"target_port\":\"80,81,8080-8090\",\"snat\":true,"
            + "\"port_field_from_the_future\":\"p\"}],\"field_from_the_future\":{\"a\":1}}";

    private static final String LOAD_BALANCER = "{\"listen_address\":\"192.0.2.1\",\"description\":\"My public IP load"
            + " balancer\",\"config\":{\"healthcheck\":\"true\"},\"location\":\"server01\",\"backends\":[{\"name\":"
            + "\"c1-http\",\"description\":\"C1 webserver\",\"target_address\":\"198.51.100.2\",\"target_port\":\"80\"},"
            + "{\"name\":\"c2-http\",\"description\":\"C2 webserver\",\"target_address\":\"198.51.100.3\","
            + "\"target_port\":\"80\"}],\"ports\":[{\"description\":\"My web server load balancer\",\"protocol\":\"tcp\","
            + "\"listen_port\":\"80\",\"target_backend\":[\"c1-http\",\"c2-http\"]}]}";

    private static final String PEER = "{\"name\":\"project1-network1\",\"description\":\"Peering with network1 in"
            + " project1\",\"config\":{\"user.a\":\"1\"},\"status\":\"Pending\",\"target_network\":\"network1\","
            + "\"target_project\":\"project1\",\"target_integration\":\"\",\"type\":\"local\","
            + "\"used_by\":[\"/1.0/network-acls/test\"]}";

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        WireMockIncus.stubExtensions(wireMock, "network_forward", "network_load_balancer",
                "network_load_balancer_state", "network_peer", "network_integrations", "network_allocations");
    }

    @Test
    void aServerWithoutTheExtensionIsToldSoWithoutARequestToTheEndpoint() {
        WireMockIncus.stubExtensions(wireMock, "network_forward");

        assertThatThrownBy(() -> client.networks().peers("ovn0").listNames().block())
                .isInstanceOf(IncusUnsupportedException.class).hasMessageContaining("network_peer");
        assertThatThrownBy(() -> client.networks().loadBalancers("ovn0").state("192.0.2.1").block())
                .isInstanceOf(IncusUnsupportedException.class).hasMessageContaining("network_load_balancer");
        wireMock.verify(0, getRequestedFor(urlPathMatching("/1.0/networks/.*")));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aForwardIsReadWithItsPortsAndWrittenBackWithEverythingTheClientDoesNotKnow() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/forwards/192.0.2.1"))
                .willReturn(aResponse().withHeader("ETag", "\"f1\"").withBody(sync(FORWARD))));
        wireMock.stubFor(put(urlEqualTo("/1.0/networks/ovn0/forwards/192.0.2.1"))
                .willReturn(aResponse().withBody(sync("{}"))));

        ETagged<NetworkForward> read = client.networks().forwards("ovn0").getWithEtag("192.0.2.1").block(WAIT);
        NetworkForward forward = read.value();
        assertThat(read.etag()).isEqualTo("\"f1\"");
        assertThat(forward.listenAddress()).isEqualTo("192.0.2.1");
        assertThat(forward.location()).isEqualTo("server01");
        assertThat(forward.config()).containsEntry("target_address", "198.51.100.2");
        assertThat(forward.ports()).singleElement().satisfies(port -> {
            assertThat(port.protocol()).isEqualTo("tcp");
            assertThat(port.listenPort()).isEqualTo("80,81,8080-8090");
            assertThat(port.targetAddress()).isEqualTo("198.51.100.3");
            assertThat(port.snat()).isTrue();
        });
        client.networks().forwards("ovn0").update("192.0.2.1", forward.toPut().withDescription("changed"), read.etag())
                .block(WAIT);

        wireMock.verify(putRequestedFor(urlEqualTo("/1.0/networks/ovn0/forwards/192.0.2.1"))
                .withHeader("If-Match", equalTo("\"f1\""))
                .withRequestBody(equalToJson("{\"description\":\"changed\",\"config\":{\"target_address\":"
                        + "\"198.51.100.2\"},\"ports\":[{\"description\":\"My web server forward\",\"protocol\":\"tcp\","
                        + "\"listen_port\":\"80,81,8080-8090\",\"target_address\":\"198.51.100.3\",\"target_port\":"
                        + "\"80,81,8080-8090\",\"snat\":true,\"port_field_from_the_future\":\"p\"}],"
                        + "\"field_from_the_future\":{\"a\":1}}")));
    }

    @Test
    void aStaleForwardUpdateIsAPreconditionFailure() {
        wireMock.stubFor(put(urlEqualTo("/1.0/networks/ovn0/forwards/192.0.2.1")).willReturn(aResponse()
                .withStatus(412).withBody(error(412, "ETag doesn't match: abc vs stale"))));

        assertThatThrownBy(() -> client.networks().forwards("ovn0")
                .update("192.0.2.1", NetworkForwardPut.empty(), "\"stale\"").block(WAIT))
                .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                        e -> assertThat(e.serverMessage()).contains("ETag doesn't match"));
    }

    @Test
    void aForwardIsCreatedWithItsListenAddressInTheBodyInTheClientsProject() {
        wireMock.stubFor(post(urlEqualTo("/1.0/networks/ovn0/forwards?project=p1"))
                .willReturn(aResponse().withStatus(201).withBody(sync("{}"))));

        client.project("p1").networks().forwards("ovn0").create("192.0.2.1", NetworkForwardPut.empty()
                .withDescription("web").withConfig("target_address", "198.51.100.2")
                .withPorts(List.of(NetworkForwardPort.of("tcp", "443", "198.51.100.3").withTargetPort("8443"))))
                .block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/networks/ovn0/forwards?project=p1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"listen_address\":\"192.0.2.1\",\"description\":\"web\","
                        + "\"config\":{\"target_address\":\"198.51.100.2\"},\"ports\":[{\"description\":\"\","
                        + "\"protocol\":\"tcp\",\"listen_port\":\"443\",\"target_port\":\"8443\","
                        + "\"target_address\":\"198.51.100.3\",\"snat\":false}]}")));
    }

    @Test
    void forwardsAreListedByListenAddressIPv6Included() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/forwards")).willReturn(aResponse().withBody(sync(
                "[\"/1.0/networks/ovn0/forwards/192.0.2.1\",\"/1.0/networks/ovn0/forwards/2001:db8::1\"]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/forwards?recursion=1&filter=description%20eq%20web"))
                .willReturn(aResponse().withBody(sync("[" + FORWARD + "]"))));

        assertThat(client.networks().forwards("ovn0").listNames().block(WAIT))
                .containsExactly("192.0.2.1", "2001:db8::1");
        assertThat(client.networks().forwards("ovn0").list(ListOptions.filter(
                io.github.incus4j.client.Filter.eq("description", "web"))).block(WAIT))
                .extracting(NetworkForward::listenAddress).containsExactly("192.0.2.1");
    }

    @Test
    void anIpv6ListenAddressIsOnePathSegment() {
        wireMock.stubFor(delete(anyUrl()).willReturn(aResponse().withBody(sync("{}"))));

        client.networks().forwards("ovn0").delete("2001:db8::1").block(WAIT);

        assertThat(wireMock.getAllServeEvents()).filteredOn(event -> event.getRequest().getMethod().getName()
                .equals("DELETE")).singleElement().satisfies(event -> assertThat(
                java.net.URI.create(event.getRequest().getUrl()).getPath())
                .isEqualTo("/1.0/networks/ovn0/forwards/2001:db8::1"));
    }

    @Test
    void aLoadBalancerIsReadAndCreatedWithBackendsAndPorts() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1"))
                .willReturn(aResponse().withHeader("ETag", "\"lb1\"").withBody(sync(LOAD_BALANCER))));
        wireMock.stubFor(post(urlEqualTo("/1.0/networks/ovn0/load-balancers"))
                .willReturn(aResponse().withStatus(201).withBody(sync("{}"))));

        NetworkLoadBalancer balancer = client.networks().loadBalancers("ovn0").get("192.0.2.1").block(WAIT);
        assertThat(balancer.backends()).extracting(NetworkLoadBalancerBackend::name).containsExactly("c1-http", "c2-http");
        assertThat(balancer.backends().get(1).targetAddress()).isEqualTo("198.51.100.3");
        assertThat(balancer.ports()).singleElement().satisfies(port -> {
            assertThat(port.listenPort()).isEqualTo("80");
            assertThat(port.targetBackend()).containsExactly("c1-http", "c2-http");
        });
        assertThat(balancer.config()).containsEntry("healthcheck", "true");

        client.networks().loadBalancers("ovn0").create("192.0.2.9", NetworkLoadBalancerPut.empty()
                .withBackends(List.of(NetworkLoadBalancerBackend.of("c1-http", "198.51.100.2", "8080")))
                .withPorts(List.of(NetworkLoadBalancerPort.of("tcp", "80", List.of("c1-http"))))).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/networks/ovn0/load-balancers"))
                .withRequestBody(equalToJson("{\"listen_address\":\"192.0.2.9\",\"description\":\"\",\"config\":{},"
                        + "\"backends\":[{\"name\":\"c1-http\",\"description\":\"\",\"target_address\":"
                        + "\"198.51.100.2\",\"target_port\":\"8080\"}],\"ports\":[{\"description\":\"\",\"protocol\":"
                        + "\"tcp\",\"listen_port\":\"80\",\"target_backend\":[\"c1-http\"]}]}")));
    }

    @Test
    void aLoadBalancerIsPatchedAndDeletedWithItsEtag() {
        wireMock.stubFor(patch(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1"))
                .willReturn(aResponse().withBody(sync("{}"))));
        wireMock.stubFor(delete(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1"))
                .willReturn(aResponse().withBody(sync("{}"))));

        client.networks().loadBalancers("ovn0").patch("192.0.2.1", Map.of("description", "d"), "\"lb1\"").block(WAIT);
        client.networks().loadBalancers("ovn0").delete("192.0.2.1").block(WAIT);

        wireMock.verify(patchRequestedFor(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1"))
                .withHeader("If-Match", equalTo("\"lb1\"")).withRequestBody(equalToJson("{\"description\":\"d\"}")));
        wireMock.verify(deleteRequestedFor(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1")));
    }

    @Test
    void aLoadBalancerStateReportsTheHealthOfEachBackendPort() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/load-balancers/192.0.2.1/state"))
                .willReturn(aResponse().withBody(sync("{\"backend_health\":{\"c1-http\":{\"address\":"
                        + "\"198.51.100.2\",\"ports\":[{\"port\":80,\"protocol\":\"tcp\",\"status\":\"online\"}]},"
                        + "\"c2-http\":{\"address\":\"198.51.100.3\",\"ports\":[{\"port\":80,\"protocol\":\"tcp\","
                        + "\"status\":\"offline\"}]}}}"))));

        NetworkLoadBalancerState state = client.networks().loadBalancers("ovn0").state("192.0.2.1").block(WAIT);

        assertThat(state.backendHealth()).containsOnlyKeys("c1-http", "c2-http");
        assertThat(state.backendHealth().get("c2-http").address()).isEqualTo("198.51.100.3");
        assertThat(state.backendHealth().get("c2-http").ports()).singleElement()
                .isEqualTo(new NetworkLoadBalancerState.PortHealth(80, "tcp", "offline"));
    }

    @Test
    void aLocalPeerIsCreatedReadAndUpdated() {
        wireMock.stubFor(post(urlEqualTo("/1.0/networks/ovn0/peers"))
                .willReturn(aResponse().withStatus(201).withBody(sync("{}"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/peers/project1-network1"))
                .willReturn(aResponse().withHeader("ETag", "\"p1\"").withBody(sync(PEER))));
        wireMock.stubFor(put(urlEqualTo("/1.0/networks/ovn0/peers/project1-network1"))
                .willReturn(aResponse().withBody(sync("{}"))));

        client.networks().peers("ovn0").create(NetworkPeersPost.local("project1-network1", "project1", "network1")
                .withDescription("to network1")).block(WAIT);
        ETagged<NetworkPeer> read = client.networks().peers("ovn0").getWithEtag("project1-network1").block(WAIT);
        client.networks().peers("ovn0").update("project1-network1", read.value().toPut().withConfig("user.b", "2"),
                read.etag()).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/networks/ovn0/peers"))
                .withRequestBody(equalToJson("{\"name\":\"project1-network1\",\"description\":\"to network1\","
                        + "\"type\":\"local\",\"target_project\":\"project1\",\"target_network\":\"network1\"}")));
        assertThat(read.value().status()).isEqualTo("Pending");
        assertThat(read.value().type()).isEqualTo("local");
        assertThat(read.value().targetProject()).isEqualTo("project1");
        assertThat(read.value().targetNetwork()).isEqualTo("network1");
        assertThat(read.value().usedBy()).containsExactly("/1.0/network-acls/test");
        wireMock.verify(putRequestedFor(urlEqualTo("/1.0/networks/ovn0/peers/project1-network1"))
                .withHeader("If-Match", equalTo("\"p1\""))
                .withRequestBody(equalToJson("{\"description\":\"Peering with network1 in project1\","
                        + "\"config\":{\"user.a\":\"1\",\"user.b\":\"2\"}}")));
    }

    @Test
    void aRemotePeerNamesItsIntegration() {
        wireMock.stubFor(post(urlEqualTo("/1.0/networks/ovn0/peers"))
                .willReturn(aResponse().withStatus(201).withBody(sync("{}"))));

        client.networks().peers("ovn0").create(NetworkPeersPost.remote("region2", "ovn-ic1")).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/networks/ovn0/peers")).withRequestBody(equalToJson(
                "{\"name\":\"region2\",\"type\":\"remote\",\"target_integration\":\"ovn-ic1\"}")));
    }

    @Test
    void peersOfAnOldDaemonWithoutTypeOrIntegrationAreRead() {
        wireMock.stubFor(get(urlEqualTo("/1.0/networks/ovn0/peers?recursion=1")).willReturn(aResponse().withBody(sync(
                "[{\"name\":\"p\",\"target_network\":\"n\",\"target_project\":\"default\",\"status\":\"Created\"}]"))));

        assertThat(client.networks().peers("ovn0").list().block(WAIT)).singleElement().satisfies(peer -> {
            assertThat(peer.status()).isEqualTo("Created");
            assertThat(peer.type()).isEmpty();
            assertThat(peer.targetIntegration()).isEmpty();
            assertThat(peer.config()).isEmpty();
            assertThat(peer.usedBy()).isEmpty();
        });
    }

    @Test
    void allocationsAreReadPerProjectOrForAllProjects() {
        String allocations = "[{\"addresses\":\"192.0.2.1/24\",\"used_by\":\"/1.0/networks/mybr0\",\"type\":\"network\","
                + "\"nat\":true,\"hwaddr\":\"\",\"network\":\"mybr0\"},{\"addresses\":\"192.0.2.10/32\",\"used_by\":"
                + "\"/1.0/instances/c1\",\"type\":\"instance\",\"nat\":false,\"hwaddr\":\"10:66:6a:00:00:01\"}]";
        wireMock.stubFor(get(urlEqualTo("/1.0/network-allocations?project=p1"))
                .willReturn(aResponse().withBody(sync(allocations))));
        wireMock.stubFor(get(urlEqualTo("/1.0/network-allocations?all-projects=true"))
                .willReturn(aResponse().withBody(sync(allocations))));

        List<NetworkAllocation> inProject = client.project("p1").networkAllocations().list().block(WAIT);
        List<NetworkAllocation> everywhere = client.project("p1").networkAllocations().list(ListOptions.allProjectsOptions()).block(WAIT);

        assertThat(inProject).extracting(NetworkAllocation::address).containsExactly("192.0.2.1/24", "192.0.2.10/32");
        assertThat(inProject.get(0).nat()).isTrue();
        assertThat(inProject.get(0).network()).isEqualTo("mybr0");
        assertThat(inProject.get(1)).satisfies(instance -> {
            assertThat(instance.type()).isEqualTo("instance");
            assertThat(instance.usedBy()).isEqualTo("/1.0/instances/c1");
            assertThat(instance.hwaddr()).isEqualTo("10:66:6a:00:00:01");
            assertThat(instance.network()).isEmpty();
        });
        assertThat(everywhere).isEqualTo(inProject);
        wireMock.verify(1, getRequestedFor(urlEqualTo("/1.0/network-allocations?all-projects=true")));
        assertThatThrownBy(() -> client.networkAllocations().list(ListOptions.filter(Filter.eq("type", "instance"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not filter network allocations");
    }

    @Test
    void badArgumentsAreNamedAndNothingIsSent() {
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withBody(sync("{}"))));

        assertThatThrownBy(() -> client.networks().forwards(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network must not be blank");
        assertThatThrownBy(() -> client.networks().loadBalancers(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("network must not be null");
        assertThatThrownBy(() -> client.networks().forwards("ovn0").get("..").block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("listenAddress must not be '..'");
        assertThatThrownBy(() -> client.networks().forwards("ovn0").create("", NetworkForwardPut.empty()).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("listenAddress must not be blank");
        assertThatThrownBy(() -> client.networks().forwards("ovn0").create("192.0.2.1", null).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("content must not be null");
        assertThatThrownBy(() -> client.networks().loadBalancers("ovn0").state(null).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("listenAddress must not be null");
        assertThatThrownBy(() -> client.networks().peers("ovn0").delete(" ").block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("peer must not be blank");
        assertThatThrownBy(() -> client.networks().peers("ovn0").create(null).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("peer must not be null");
        assertThatThrownBy(() -> client.networks().peers("ovn0").create(NetworkPeersPost.local("", "default", "n")).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("peer.name must not be blank");
        assertThatThrownBy(() -> client.networkIntegrations().rename("ic", "..").block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("newName must not be '..'");
        assertThatThrownBy(() -> client.networkIntegrations().create("ic", "", null).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("type must not be blank");

        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }
}
