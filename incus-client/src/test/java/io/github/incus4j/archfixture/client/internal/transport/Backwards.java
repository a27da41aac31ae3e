package io.github.incus4j.archfixture.client.internal.transport;

import io.github.incus4j.archfixture.client.Entry;

/** Breaks the layering rule: the transport reaches up to the API layer (and makes a cycle). */
public final class Backwards {

    /**
     * Reaches up.
     *
     * @return an API object
     */
    public static Entry up() {
        return new Entry();
    }
}
