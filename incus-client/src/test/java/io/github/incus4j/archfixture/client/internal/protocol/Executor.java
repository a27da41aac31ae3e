package io.github.incus4j.archfixture.client.internal.protocol;

import io.github.incus4j.archfixture.client.internal.transport.Backwards;

/**
 * An internal type that the fixture's public API leaks; it uses the transport, which reaches back
 * up to the API: a package cycle.
 */
public final class Executor {

    /**
     * Goes down to the transport.
     *
     * @return what the transport gives
     */
    public Object down() {
        return Backwards.up();
    }
}
