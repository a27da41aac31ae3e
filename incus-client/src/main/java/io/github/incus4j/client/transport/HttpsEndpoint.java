package io.github.incus4j.client.transport;

import java.net.URI;

/**
 * A remote daemon reached over HTTPS.
 *
 * @param url the base URL, such as {@code https://incus.example.net:8443}, without a path
 */
public record HttpsEndpoint(URI url) implements Endpoint {

    @Override
    public String describe() {
        return url.toString();
    }
}
