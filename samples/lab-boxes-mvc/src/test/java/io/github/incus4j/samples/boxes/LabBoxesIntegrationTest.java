package io.github.incus4j.samples.boxes;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.github.incus4j.spring.test.IncusServiceConnection;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The servlet application against a real throw-away daemon, through its HTTP API as a user calls
 * it. {@code @IncusServiceConnection} points its IncusClient at the daemon: no incus.* property.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@IncusServiceConnection
class LabBoxesIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void aBoxIsCreatedRunningListedAndDeleted(IncusDaemon daemon) throws Exception {
        String name = "box-" + Long.toHexString(System.nanoTime());

        HttpResponse<String> created = send("POST", "/api/boxes",
                "{\"name\":\"" + name + "\",\"image\":\"" + daemon.imageAlias() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).contains("/api/boxes/" + name);
        assertThat(JsonPath.<String>read(created.body(), "$.status")).isEqualTo("Running");

        HttpResponse<String> listed = send("GET", "/api/boxes", null);
        assertThat(JsonPath.<List<String>>read(listed.body(), "$[?(@.name == '" + name + "')].status"))
                .containsExactly("Running");

        assertThat(send("DELETE", "/api/boxes/" + name, null).statusCode()).isEqualTo(204);
        assertThat(daemon.incusOrFail("list", "--format", "csv", "--columns", "n")).doesNotContain(name);
    }

    @Test
    void anUnknownBoxIsA404WithTheDaemonsWords() throws Exception {
        HttpResponse<String> missing = send("GET", "/api/boxes/no-such-box", null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JsonPath.<String>read(missing.body(), "$.title")).isEqualTo("Incus refused the request");
        assertThat(JsonPath.<String>read(missing.body(), "$.detail"))
                .isEqualTo("Failed to fetch instance \"no-such-box\" in project \"default\": Instance not found");
    }

    @Test
    void anUnknownImageIsNamedInTheError() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/boxes", "{\"name\":\"box-no-image\",\"image\":\"no-such-image\"}");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(JsonPath.<String>read(refused.body(), "$.title")).isEqualTo("Unknown image");
        assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("'no-such-image'");
    }

    @Test
    void theHealthShowsIncusUp() throws Exception {
        HttpResponse<String> health = send("GET", "/actuator/health", null);

        assertThat(JsonPath.<String>read(health.body(), "$.components.incus.status")).as(health.body()).isEqualTo("UP");
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
