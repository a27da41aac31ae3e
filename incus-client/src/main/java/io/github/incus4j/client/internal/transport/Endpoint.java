package io.github.incus4j.client.internal.transport;

/**
 * Where the client sends its requests: a Unix socket or an HTTPS URL.
 */
public sealed interface Endpoint permits UnixSocketEndpoint, HttpsEndpoint {

    /**
     * Describes the endpoint for messages and health details.
     *
     * @return the socket path or the URL
     */
    String describe();
}
