package io.github.incus4j.test.oidc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The provider's keys: the current signing key, published in the JWKS, and a rogue key that is
 * never published, for tokens with a bad signature (made on first use: RSA keys take a few hundred
 * milliseconds to generate). Thread-safe.
 */
final class KeyRing {

    private final String keyIdPrefix;
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicReference<SigningKey> current;
    private SigningKey rogue;

    KeyRing(String keyIdPrefix) {
        this.keyIdPrefix = keyIdPrefix;
        this.current = new AtomicReference<>(SigningKey.generate(nextKeyId()));
    }

    SigningKey current() {
        return current.get();
    }

    synchronized SigningKey rogue() {
        if (rogue == null) {
            rogue = SigningKey.generate(keyIdPrefix + "-rogue");
        }
        return rogue;
    }

    /** Replaces the current key with a new one under a new key id; returns the new key. */
    SigningKey rotate() {
        SigningKey next = SigningKey.generate(nextKeyId());
        current.set(next);
        return next;
    }

    private String nextKeyId() {
        return keyIdPrefix + "-" + generation.incrementAndGet();
    }
}
