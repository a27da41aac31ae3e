package io.github.incus4j.client.internal.protocol;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What the client records through Micrometer's Observation API: its HTTP exchanges (through
 * WebClient, named by {@link IncusRequestObservationConvention}), its websocket sessions (exec,
 * console, events) and its raw upgrades (SFTP, NBD, port forwarding).
 *
 * <p>Every observation carries the client's name ({@value #CLIENT_TAG}) and nothing about the
 * instance, operation or secret it is about, so that metrics stay low-cardinality. Without a
 * registry nothing is observed and sessions are not wrapped at all: the client costs nothing
 * when the application does not observe it.
 *
 * <p>Immutable and thread-safe; a client and its scoped copies share one.
 */
public final class IncusObservations {

    /** The tag naming the client: {@code default}, or the name it was built with. */
    public static final String CLIENT_TAG = "incus.client";
    /** Observation of a websocket session, from connecting to its end. */
    public static final String SESSIONS = "incus.client.sessions";
    /** Observation of opening a raw upgrade, from the request to the daemon's {@code 101} or failure. */
    public static final String UPGRADES = "incus.client.upgrades";
    /** The tag of {@value #SESSIONS} saying which session: {@code exec}, {@code console} or {@code events}. */
    public static final String SESSION_TAG = "incus.session";
    /** The tag of {@value #UPGRADES} saying which protocol: {@code sftp}, {@code nbd} or {@code tcp}. */
    public static final String PROTOCOL_TAG = "incus.protocol";
    /** How it ended: {@code SUCCESS}, {@code ERROR} or {@code CANCELLED}. */
    public static final String OUTCOME_TAG = "outcome";
    /** The simple name of the exception it ended with, or {@code none}. */
    public static final String EXCEPTION_TAG = "exception";

    /**
     * The Reactor context key under which WebClient and Reactor keep the current observation, so
     * that a session's requests become its children in traces. The value of Micrometer's
     * {@code ObservationThreadLocalAccessor.KEY}, written out because that class needs the
     * optional context-propagation library.
     */
    private static final String CURRENT_OBSERVATION = "micrometer.observation";
    private static final String NONE = "none";

    private final @Nullable ObservationRegistry registry;
    private final String client;

    /**
     * Creates the observations of one client.
     *
     * @param registry where observations go, or {@code null} to observe nothing
     * @param client the client's name, a low-cardinality tag value
     */
    public IncusObservations(@Nullable ObservationRegistry registry, String client) {
        this.registry = registry;
        this.client = client;
    }

    /**
     * Observes nothing: for executors built without a client builder.
     *
     * @return observations that record nothing
     */
    public static IncusObservations none() {
        return new IncusObservations(null, "default");
    }

    /**
     * Returns the client's name, as its observations are tagged.
     *
     * @return the name
     */
    public String client() {
        return client;
    }

    /**
     * Sets up a WebClient builder (the client's own clone) so that every exchange is observed as
     * {@value IncusRequestObservationConvention#NAME}: through this registry when there is one,
     * else through whatever registry the builder came with.
     *
     * @param builder the builder, changed in place
     */
    public void configure(WebClient.Builder builder) {
        if (registry != null) {
            builder.observationRegistry(registry);
        }
        builder.observationConvention(new IncusRequestObservationConvention(client));
    }

    /**
     * Observes a websocket session from subscription (connecting included) to its end.
     *
     * @param kind {@code exec}, {@code console} or {@code events}
     * @param session the session's stream
     * @param <T> what it emits
     * @return the same stream, observed
     */
    public <T> Flux<T> session(String kind, Flux<T> session) {
        if (registry == null) {
            return session;
        }
        return Flux.deferContextual(view -> {
            Ending ending = start(SESSIONS, SESSION_TAG, kind, view.getOrDefault(CURRENT_OBSERVATION, null));
            return session.doOnComplete(ending::succeeded)
                    .doOnError(ending::failed)
                    .doOnCancel(ending::cancelled)
                    .contextWrite(context -> context.put(CURRENT_OBSERVATION, ending.observation));
        });
    }

    /**
     * Observes the opening of a raw upgrade: success once the connection is handed over. How long
     * the caller then keeps it open is the caller's.
     *
     * @param protocol {@code sftp}, {@code nbd} or {@code tcp}
     * @param upgrade opens the connection
     * @param <T> the connection
     * @return the same opening, observed
     */
    public <T> Mono<T> upgrade(String protocol, Mono<T> upgrade) {
        if (registry == null) {
            return upgrade;
        }
        return Mono.deferContextual(view -> {
            Ending ending = start(UPGRADES, PROTOCOL_TAG, protocol, view.getOrDefault(CURRENT_OBSERVATION, null));
            return upgrade.doOnSuccess(connection -> ending.succeeded())
                    .doOnError(ending::failed)
                    .doOnCancel(ending::cancelled)
                    .contextWrite(context -> context.put(CURRENT_OBSERVATION, ending.observation));
        });
    }

    private Ending start(String name, String kindTag, String kind, @Nullable Observation parent) {
        Observation observation = Observation.createNotStarted(name, registry)
                .contextualName("incus " + kind)
                .lowCardinalityKeyValue(CLIENT_TAG, client)
                .lowCardinalityKeyValue(kindTag, kind)
                .parentObservation(parent)
                .start();
        return new Ending(observation);
    }

    /** Stops an observation once, with how it ended; a cancel after an error (or the reverse) changes nothing. */
    private static final class Ending {

        private final Observation observation;
        private final AtomicBoolean stopped = new AtomicBoolean();

        Ending(Observation observation) {
            this.observation = observation;
        }

        void succeeded() {
            stop("SUCCESS", null);
        }

        void failed(Throwable failure) {
            stop("ERROR", failure);
        }

        void cancelled() {
            stop("CANCELLED", null);
        }

        private void stop(String outcome, @Nullable Throwable failure) {
            if (!stopped.compareAndSet(false, true)) {
                return;
            }
            if (failure != null) {
                observation.error(failure);
            }
            observation.lowCardinalityKeyValue(OUTCOME_TAG, outcome)
                    .lowCardinalityKeyValue(EXCEPTION_TAG, failure == null ? NONE : exceptionName(failure))
                    .stop();
        }

        private static String exceptionName(Throwable failure) {
            String simple = failure.getClass().getSimpleName();
            return simple.isEmpty() ? failure.getClass().getName() : simple;
        }
    }
}
