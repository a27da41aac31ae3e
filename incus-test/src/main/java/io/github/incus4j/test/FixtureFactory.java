package io.github.incus4j.test;

import java.util.Optional;

/**
 * Where an extension gets its fixtures from; tests of the extensions substitute it.
 *
 * @param <T> the fixture type
 */
interface FixtureFactory<T extends AutoCloseable> {

    /** Why no fixture can be started here, or empty. */
    Optional<String> unavailableReason();

    /** Starts a fixture; throws with the reason if that fails. */
    T start();
}
