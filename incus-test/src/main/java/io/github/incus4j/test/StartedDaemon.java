package io.github.incus4j.test;

import java.util.Optional;

/**
 * The outcome of one attempt to provide a daemon, kept in a JUnit store: either a daemon, closed
 * with the store, or the reason there is none. Remembering a failure means a run with fifty test
 * classes tries, and reports, a broken setup once instead of fifty times.
 */
final class StartedDaemon implements AutoCloseable {

    private final IncusDaemon daemon;
    private final String failure;
    private final Throwable cause;

    private StartedDaemon(IncusDaemon daemon, String failure, Throwable cause) {
        this.daemon = daemon;
        this.failure = failure;
        this.cause = cause;
    }

    static StartedDaemon attempt(DaemonFactory factory) {
        Optional<String> unavailable = factory.unavailableReason();
        if (unavailable.isPresent()) {
            return new StartedDaemon(null, unavailable.get(), null);
        }
        try {
            return new StartedDaemon(factory.start(), null, null);
        } catch (RuntimeException e) {
            return new StartedDaemon(null, e.getMessage(), e);
        }
    }

    /** The daemon, or empty if there is none; then {@link #failure()} says why. */
    Optional<IncusDaemon> daemon() {
        return Optional.ofNullable(daemon);
    }

    String failure() {
        return failure;
    }

    Throwable cause() {
        return cause;
    }

    @Override
    public void close() {
        if (daemon != null) {
            daemon.close();
        }
    }
}
