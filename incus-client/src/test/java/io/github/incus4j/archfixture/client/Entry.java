package io.github.incus4j.archfixture.client;

import io.github.incus4j.archfixture.client.internal.protocol.Executor;

/** Breaks the signature rule: a public method hands out the internal executor. */
public final class Entry {

    private final Executor executor = new Executor();

    /**
     * Hands out the executor.
     *
     * @return the internal executor
     */
    public Executor executor() {
        return executor;
    }
}
