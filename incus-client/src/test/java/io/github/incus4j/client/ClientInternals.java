package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusHttp;

/**
 * The client's executor, for tests of this module that send requests no API method makes (a
 * migration source, an exec that does not wait for its websockets). Users have no such access.
 */
public final class ClientInternals {

    private ClientInternals() {
    }

    /**
     * Returns the client's executor.
     *
     * @param client the client
     * @return its executor, with the client's project and target
     */
    public static IncusHttp http(IncusClient client) {
        return client.http();
    }
}
