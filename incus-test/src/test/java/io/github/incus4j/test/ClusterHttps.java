package io.github.incus4j.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HttpClient, set up as a user's test would be: mutual TLS with the cluster's trusted
 * client certificate, and the cluster certificate pinned. Answers are read as Incus envelopes.
 */
final class ClusterHttps {

    /** One answer: the HTTP status, the parsed envelope, and how long the request took. */
    record Answer(int status, Map<String, Object> envelope, Duration took) {

        Map<String, Object> metadata() {
            return Json.object(envelope.get("metadata"), "metadata");
        }

        String error() {
            return Json.string(envelope, "error");
        }
    }

    private final HttpClient client;

    ClusterHttps(SSLContext tls) {
        this.client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Answer get(URI baseUrl, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
        long began = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), Json.object(Json.parse(response.body()), "envelope"),
                Duration.ofNanos(System.nanoTime() - began));
    }
}
