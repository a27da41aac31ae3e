package io.github.incus4j.test;

import java.util.Optional;

/**
 * The outcome of one attempt to provide a fixture (a daemon or a cluster), kept in a JUnit store:
 * either the fixture, closed with the store, or the reason there is none. Remembering a failure
 * means a run with fifty test classes tries, and reports, a broken setup once instead of fifty
 * times.
 *
 * @param <T> the fixture type
 */
final class Started<T extends AutoCloseable> implements AutoCloseable {

    private final T fixture;
    private final String failure;
    private final Throwable cause;

    private Started(T fixture, String failure, Throwable cause) {
        this.fixture = fixture;
        this.failure = failure;
        this.cause = cause;
    }

    static <T extends AutoCloseable> Started<T> attempt(FixtureFactory<T> factory) {
        Optional<String> unavailable = factory.unavailableReason();
        if (unavailable.isPresent()) {
            return new Started<>(null, unavailable.get(), null);
        }
        try {
            return new Started<>(factory.start(), null, null);
        } catch (RuntimeException e) {
            return new Started<>(null, e.getMessage(), e);
        }
    }

    /** The fixture, or empty if there is none; then {@link #failure()} says why. */
    Optional<T> fixture() {
        return Optional.ofNullable(fixture);
    }

    String failure() {
        return failure;
    }

    Throwable cause() {
        return cause;
    }

    @Override
    public void close() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }
}
