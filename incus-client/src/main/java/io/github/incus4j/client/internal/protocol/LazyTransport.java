package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.internal.transport.UpgradeConnector;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * The client's transport, built on the first request instead of in
 * {@link IncusClientBuilder#build()}. Setting up the first client of a JVM (loading the native
 * epoll transport, Reactor Netty's resources, WebClient's codecs) costs about 0.4 s on this
 * project's machines (docs/BENCHMARKS.md, B6): an application that declares a client bean should
 * not pay that at start-up, before it makes its first call. Everything that can be wrong with the
 * settings is still checked in {@code build()}.
 *
 * <p>Thread-safe: the parts are built once, under a lock taken only until they exist; if building
 * fails, the next request tries again. Once closed, the transport refuses to hand them out or build
 * them, so a request racing {@link #close()} cannot leave a pool behind.
 */
public final class LazyTransport implements HttpTransport {

    /** What the transport is made of once built. */
    public record Parts(WebClient webClient, WebSocketConnector webSockets, UpgradeConnector upgrades,
            ConnectionProvider pool, Mono<Void> warmUp) {
    }

    private final Supplier<Parts> factory;
    private final String description;
    private volatile @Nullable Parts parts;
    private volatile boolean closed;

    public LazyTransport(Supplier<Parts> factory, String description) {
        this.factory = factory;
        this.description = description;
    }

    @Override
    public WebClient webClient() {
        return parts().webClient();
    }

    @Override
    public WebSocketConnector webSockets() {
        return parts().webSockets();
    }

    @Override
    public UpgradeConnector upgrades() {
        return parts().upgrades();
    }

    /**
     * Builds the parts now rather than on the first request, and lets Reactor Netty prepare its
     * event loops, name resolver and native libraries (its {@code warmup()}), connecting nowhere.
     *
     * @param timeout how long Reactor Netty's preparation may take
     * @throws IllegalStateException if the transport was closed
     */
    public void prepare(Duration timeout) {
        parts().warmUp().block(timeout);
    }

    /** Tells whether the first request has built the parts, for tests and diagnostics. */
    public boolean isBuilt() {
        return parts != null;
    }

    private Parts parts() {
        Parts built = parts;
        if (built != null && !closed) {
            return built;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the Incus client for " + description + " was closed; build a new "
                        + "client with IncusClient.builder()");
            }
            if (parts == null) {
                parts = factory.get();
            }
            return parts;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Parts built = parts;
        if (built != null) {
            built.webSockets().closeAll();
            built.upgrades().closeAll();
            built.pool().dispose();
        }
    }
}
