package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.client.model.ServerPut;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The server itself: {@code /1.0}.
 */
public final class ServerApi {

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    ServerApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Reads the server description ({@code GET /1.0}). An untrusted client gets the reduced view
     * ({@link Server#isTrusted()} is {@code false}) rather than an error.
     *
     * @return the server description
     */
    public Mono<Server> get() {
        return getWithEtag().map(ETagged::value);
    }

    /**
     * Reads the server description with its ETag, for a later {@link #update}.
     *
     * @return the description and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0")
    public Mono<ETagged<Server>> getWithEtag() {
        return calls.tagged(IncusRequest.get("/1.0").build(), Server.class);
    }

    /**
     * Reads the view of the server that untrusted clients get ({@code GET /1.0?public}).
     *
     * @return the public server description
     */
    @Endpoint(method = "GET", path = "/1.0?public")
    public Mono<Server> getPublic() {
        return calls.object(IncusRequest.get("/1.0").query("public", null).unscoped().build(), Server.class);
    }

    /**
     * Replaces the server configuration ({@code PUT /1.0}).
     *
     * @param server the new configuration
     * @param etag the ETag from {@link #getWithEtag()}, or {@code null} to overwrite unconditionally
     * @return completes when the daemon applied it
     */
    @Endpoint(method = "PUT", path = "/1.0")
    public Mono<Void> update(ServerPut server, @Nullable String etag) {
        Names.required("server", server);
        return calls.run(IncusRequest.of(HttpMethod.PUT, "/1.0").json(server).ifMatch(etag).build());
    }

    /**
     * Changes only the given configuration keys ({@code PATCH /1.0}).
     *
     * @param server the keys to change
     * @param etag the ETag from {@link #getWithEtag()}, or {@code null}
     * @return completes when the daemon applied it
     */
    @Endpoint(method = "PATCH", path = "/1.0")
    public Mono<Void> patch(ServerPut server, @Nullable String etag) {
        Names.required("server", server);
        return calls.run(IncusRequest.of(HttpMethod.PATCH, "/1.0").json(server).ifMatch(etag).build());
    }

    /**
     * Lists the API versions the server speaks ({@code GET /}), answered to trusted and untrusted
     * clients alike. Every Incus server lists {@code 1.0}, the only version this client speaks.
     *
     * @return the versions, such as {@code [1.0]}
     */
    @Endpoint(method = "GET", path = "/")
    public Mono<List<String>> apiVersions() {
        return calls.names(IncusRequest.get("/").unscoped().build());
    }
}
