package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.model.Profile;
import io.github.incus4j.client.model.ProjectState;
import io.github.incus4j.client.model.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wire shapes of the resource areas: nothing lost on read-modify-write, odd names, missing fields. */
class WireModelsTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

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
    void aFieldTheClientDoesNotKnowSurvivesAReadModifyWrite() {
        wireMock.stubFor(get(urlEqualTo("/1.0/profiles/p1")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"abc\"")
                .withBody(sync("{\"name\":\"p1\",\"description\":\"d\",\"config\":{\"a\":\"1\"},\"devices\":{},"
                        + "\"project\":\"default\",\"used_by\":[],\"future_field\":{\"x\":[1,2]}}"))));
        wireMock.stubFor(put(urlEqualTo("/1.0/profiles/p1")).willReturn(aResponse().withStatus(200).withBody(sync("{}"))));

        ETagged<Profile> read = client.profiles().getWithEtag("p1").block();
        client.profiles().update("p1", read.value().toPut().withConfig("b", "2"), read.etag()).block();

        wireMock.verify(putRequestedFor(urlEqualTo("/1.0/profiles/p1"))
                .withHeader("If-Match", equalTo("\"abc\""))
                .withRequestBody(equalToJson("{\"description\":\"d\",\"config\":{\"a\":\"1\",\"b\":\"2\"},"
                        + "\"devices\":{},\"future_field\":{\"x\":[1,2]}}")));
    }

    @Test
    void capitalisedNamesAndMissingPartsAreRead() {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/projects/p/state")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"resources\":{\"cpu\":{\"Limit\":-1,\"Usage\":0},"
                        + "\"instances\":{\"Limit\":5,\"Usage\":2}}}"))));
        wireMock.stubFor(get(urlPathEqualTo("/1.0/resources")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"cpu\":{\"architecture\":\"aarch64\",\"total\":4,\"sockets\":[{\"cores\":[]}]},"
                        + "\"load\":{\"Average1Min\":0.5,\"Average5Min\":0.25,\"Average10Min\":0.1,\"Processes\":90},"
                        + "\"gpu\":{\"cards\":[],\"total\":0}}"))));

        ProjectState state = client.projects().state("p").block();
        Resources resources = client.resources().get().block();

        assertThat(state.resources().get("instances").limit()).isEqualTo(5);
        assertThat(state.resources().get("instances").usage()).isEqualTo(2);
        assertThat(state.resources().get("cpu").isLimited()).isFalse();
        assertThat(resources.cpu().architecture()).isEqualTo("aarch64");
        assertThat(resources.load().average5Min()).isEqualTo(0.25);
        assertThat(resources.load().processes()).isEqualTo(90);
        assertThat(resources.memory()).isNull();
        assertThat(resources.serial()).isEmpty();
        assertThat(resources.gpu()).containsEntry("total", 0);
    }
}
