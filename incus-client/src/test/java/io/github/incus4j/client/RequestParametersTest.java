package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Instance;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the client puts on the wire: paths, query parameters, ETags and headers. */
class RequestParametersTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(sync("[]"))).atPriority(10));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void projectAndTargetAreAddedToEveryRequest() {
        client.project("web").target("node2").instances().listNames().block();

        wireMock.verify(getRequestedFor(urlEqualTo("/1.0/instances?project=web&target=node2")));
    }

    @Test
    void allProjectsIsNeverSentTogetherWithProject() {
        client.project("web").instances().list(ListOptions.allProjectsOptions()).block();

        wireMock.verify(getRequestedFor(urlPathEqualTo("/1.0/instances"))
                .withQueryParam("all-projects", equalTo("true"))
                .withQueryParam("recursion", equalTo("1"))
                .withQueryParam("project", absent()));
    }

    @Test
    void recursionLevelsMatchTheMethods() {
        client.instances().listNames().block();
        client.instances().list().block();
        client.instances().listFull(ListOptions.NONE).block();

        wireMock.verify(getRequestedFor(urlEqualTo("/1.0/instances")));
        wireMock.verify(getRequestedFor(urlEqualTo("/1.0/instances?recursion=1")));
        wireMock.verify(getRequestedFor(urlEqualTo("/1.0/instances?recursion=2")));
    }

    @Test
    void filtersArePercentEncodedAsOneQueryValue() {
        Filter filter = Filter.eq("status", "Running").and(Filter.eq("description", "a&b=c d+e"));

        client.instances().list(ListOptions.filter(filter)).block();

        wireMock.verify(getRequestedFor(urlPathEqualTo("/1.0/instances"))
                .withQueryParam("filter", equalTo("status eq Running and description eq \"a&b=c d+e\"")));
    }

    @Test
    void namesFromUrlListsAreDecodedAndStrippedOfTheirProject() {
        wireMock.stubFor(get(urlEqualTo("/1.0/instances")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"/1.0/instances/c1\",\"/1.0/instances/c2?project=web\","
                        + "\"/1.0/instances/with%20space\"]"))));

        assertThat(client.instances().listNames().block()).containsExactly("c1", "c2", "with space");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a?b=c", "a#b", "a%2Fb", "a b", "../1.0", "é-ü", "a;b", "a+b"})
    void everyNameIsExactlyOnePathSegment(String name) {
        wireMock.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(404).withBody(error(404, "Instance not found"))));

        assertThatThrownBy(() -> client.instances().get(name).block()).isInstanceOf(IncusNotFoundException.class);

        String path = wireMock.getAllServeEvents().get(0).getRequest().getUrl();
        assertThat(path).startsWith("/1.0/instances/").doesNotContain("?").doesNotContain("#");
        assertThat(path.substring("/1.0/instances/".length())).doesNotContain("/");
        assertThat(java.net.URLDecoder.decode(path.substring("/1.0/instances/".length()).replace("+", "%2B"),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "..", "."})
    void blankAndDotNamesAreRefusedBeforeAnyRequest(String name) {
        assertThatThrownBy(() -> client.instances().get(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("name must not be");
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void nullNamesAndBadTimeoutsAreRefusedWithTheArgumentName() {
        assertThatThrownBy(() -> client.instances().get(null)).hasMessage("name must not be null");
        assertThatThrownBy(() -> client.instances().rename("c1", "..")).hasMessageStartingWith("newName must not be");
        assertThatThrownBy(() -> client.operations().await("id", Duration.ZERO, false))
                .hasMessageStartingWith("timeout must be positive");
        assertThatThrownBy(() -> client.operations().await("id", Duration.ofSeconds(-1), false))
                .hasMessageStartingWith("timeout must be positive");
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void readsReturnTheEtagAndUpdatesSendItAsIfMatch() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"abc123\"").withBody(sync("{\"name\":\"c1\",\"config\":{\"k\":\"v\"}}"))));
        wireMock.stubFor(put(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(202)
                .withBody(WireMockIncus.async("op1"))));

        ETagged<Instance> read = client.instances().getWithEtag("c1").block();
        client.instances().update("c1", read.value().toPut().withConfig("k2", "v2"), read.etag()).block();

        assertThat(read.etag()).isEqualTo("\"abc123\"");
        wireMock.verify(putRequestedFor(urlPathEqualTo("/1.0/instances/c1"))
                .withHeader("If-Match", equalTo("\"abc123\""))
                .withRequestBody(matching(".*\"config\":\\{\"k\":\"v\",\"k2\":\"v2\"}.*")));
    }

    @Test
    void anUpdateWithoutEtagSendsNoIfMatch() {
        wireMock.stubFor(put(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(202)
                .withBody(WireMockIncus.async("op1"))));

        client.instances().update("c1", new io.github.incus4j.client.model.InstancePut(null, null, null, false, null,
                false, "d", null), null).block();

        wireMock.verify(putRequestedFor(urlPathEqualTo("/1.0/instances/c1")).withHeader("If-Match", absent()));
    }

    @Test
    void aStaleEtagIsAPreconditionFailure() {
        wireMock.stubFor(put(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(412)
                .withBody(error(412, "ETag doesn't match: abc vs old"))));

        assertThatThrownBy(() -> client.instances().update("c1", new io.github.incus4j.client.model.InstancePut(
                null, null, null, false, null, false, "", null), "\"old\"").block())
                .isInstanceOfSatisfying(IncusPreconditionFailedException.class, e -> {
                    assertThat(e.status()).isEqualTo(412);
                    assertThat(e.getMessage()).contains("read it again and retry with the new ETag");
                });
    }

    @Test
    void unknownFieldsOfAnObjectAreWrittenBackOnUpdate() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"name\":\"c1\",\"description\":\"d\"}"))));
        wireMock.stubFor(put(urlPathEqualTo("/1.0/instances/c1")).willReturn(aResponse().withStatus(202)
                .withBody(WireMockIncus.async("op1"))));
        io.github.incus4j.client.model.InstancePut future = io.github.incus4j.client.internal.protocol.IncusJson.mapper()
                .readValue("{\"description\":\"d\",\"field_of_incus_9\":{\"x\":[1,2]}}",
                        io.github.incus4j.client.model.InstancePut.class);

        client.instances().update("c1", future.withDescription("changed"), null).block();

        wireMock.verify(putRequestedFor(urlPathEqualTo("/1.0/instances/c1"))
                .withRequestBody(matching(".*\"field_of_incus_9\":\\{\"x\":\\[1,2]}.*"))
                .withRequestBody(matching(".*\"description\":\"changed\".*")));
    }

    @Test
    void theUserAgentIsSent() {
        try (IncusClient named = WireMockIncus.client(wireMock).userAgent("my-app/1.0").build()) {
            named.instances().listNames().block();
        }

        wireMock.verify(getRequestedFor(urlEqualTo("/1.0/instances")).withHeader("User-Agent", equalTo("my-app/1.0")));
    }
}
