package io.github.incus4j.client.internal.transport;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A remote daemon reached over HTTPS: one address, or the addresses of a cluster's members tried
 * in turn ({@link AddressFailover}).
 *
 * @param urls the base URLs, such as {@code https://incus.example.net:8443}, without a path; at
 *     least one
 */
public record HttpsEndpoint(List<URI> urls) implements Endpoint {

    /**
     * * Checks and copies the addresses.
     *
     * @throws IllegalArgumentException if there is none
     * @throws NullPointerException if the list or an address is {@code null}
     *
     * @param urls the base URLs, such as {@code https://incus.example.net:8443}, without a path; at
     *     least one
     */
    public HttpsEndpoint {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an HTTPS endpoint needs at least one url");
        }
    }

    /**
     * A daemon at one address.
     *
     * @param url the base URL
     */
    public HttpsEndpoint(URI url) {
        this(List.of(url));
    }

    /**
     * Returns the first address, the one requests go to until it cannot be reached.
     *
     * @return the first base URL
     */
    public URI url() {
        return urls.get(0);
    }

    @Override
    public String describe() {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}
