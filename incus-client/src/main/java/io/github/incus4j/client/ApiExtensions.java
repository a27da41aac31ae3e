package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.Server;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The API extensions of the server ({@code api_extensions} of {@code GET /1.0}), read once per
 * client and shared by its scoped copies ({@code project(...)}, {@code target(...)}).
 *
 * <pre>{@code
 * if (client.extensions().has("network_address_set").block()) { ... }
 * }</pre>
 *
 * <p>Calls of this client that need an extension check it first and fail with an
 * {@link IncusUnsupportedException} naming it, without sending the call. The first check sends
 * {@code GET /1.0}; later checks answer from memory. A failed read (daemon unreachable) is not
 * remembered, so the next check asks again.
 *
 * <p>An untrusted HTTPS client may see an empty extension list on newer servers (Incus 6.0 still
 * sends the full list): then every check fails, which is what a call would do anyway.
 */
public final class ApiExtensions {

    private final IncusHttp http;
    private final Known known;

    /**
     * Creates the view of one client; its scoped copies share it, and with it the one read of
     * {@code GET /1.0}.
     *
     * @param http the executor to read {@code GET /1.0} with (the request names no project or target)
     */
    ApiExtensions(IncusHttp http) {
        this.http = http;
        this.known = new Known();
    }

    /**
     * Lists the server's API extensions.
     *
     * @return the extension names, in the server's order
     */
    public Mono<List<String>> list() {
        return server().map(Server::apiExtensions);
    }

    /**
     * Tells whether the server has an API extension.
     *
     * @param extension the extension name, such as {@code network_address_set}
     * @return {@code true} when the server lists it
     */
    public Mono<Boolean> has(String extension) {
        Names.segment("extension", extension);
        return server().map(server -> server.apiExtensions().contains(extension));
    }

    /**
     * Completes when the server has an API extension, fails otherwise.
     *
     * @param extension the extension name
     * @return empty on success; an {@link IncusUnsupportedException} naming the extension otherwise
     */
    public Mono<Void> require(String extension) {
        Names.segment("extension", extension);
        return server().flatMap(server -> server.apiExtensions().contains(extension) ? Mono.<Void>empty()
                : Mono.error(new IncusUnsupportedException(extension, describe(server))));
    }

    /**
     * Completes when the server has every one of the extensions, fails naming the first missing.
     *
     * @param extensions the extension names
     * @return empty on success
     */
    public Mono<Void> requireAll(Set<String> extensions) {
        return Mono.when(extensions.stream().map(this::require).toList());
    }

    private String describe(Server server) {
        String version = server.environment() != null ? "Incus " + server.environment().serverVersion() + " at " : "";
        return version + http.endpoint().describe();
    }

    private Mono<Server> server() {
        return Mono.defer(() -> {
            Server cached = known.server;
            if (cached != null) {
                return Mono.just(cached);
            }
            return known.inFlight(() -> http.send(IncusRequest.get("/1.0").unscoped().build())
                    .map(response -> response.metadataAs(Server.class)));
        });
    }

    /** What one pool's clients know; holds no reference to the pool or the executor once read. */
    private static final class Known {
        private volatile @Nullable Server server;
        private @Nullable Mono<Server> pending;

        synchronized Mono<Server> inFlight(java.util.function.Supplier<Mono<Server>> read) {
            if (server != null) {
                return Mono.just(server);
            }
            if (pending == null) {
                // forget the pending read before its subscribers see the outcome, so that a caller
                // that saw a failure and asks again sends a new request
                pending = read.get()
                        .doOnNext(value -> {
                            server = value;
                            clearPending();
                        })
                        .doOnError(failure -> clearPending())
                        .cache();
            }
            return pending;
        }

        private synchronized void clearPending() {
            pending = null;
        }
    }
}
