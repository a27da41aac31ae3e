package io.github.incus4j.spring.autoconfigure.events;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The delays between attempts to reconnect the event stream: exponential from an initial delay up
 * to a maximum, each taken at random between half of it and all of it, so that the many
 * applications a daemon restart disconnects at once do not all come back in the same instant.
 * Reset once a connection succeeds.
 */
final class ReconnectBackoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempts;

    /**
     * @param initial the first delay, before jitter
     * @param max the longest delay, before jitter
     */
    ReconnectBackoff(Duration initial, Duration max) {
        this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param random gives a number in [0, 1) for the jitter
     */
    ReconnectBackoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the delays must be positive and the maximum no less than the initial "
                    + "delay, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /**
     * Returns the delay before the next attempt, and counts the attempt.
     *
     * @return between half of and all of {@code min(initial * 2^attempts, max)}
     */
    synchronized Duration next() {
        // Doubling stops once past the maximum, so the shift never overflows.
        long nanos = initial.toNanos();
        for (int i = 0; i < attempts && nanos < max.toNanos(); i++) {
            nanos *= 2;
        }
        long bounded = Math.min(nanos, max.toNanos());
        attempts++;
        return Duration.ofNanos(bounded / 2 + (long) (random.getAsDouble() * (bounded - bounded / 2)));
    }

    Duration initialDelay() {
        return initial;
    }

    Duration maxDelay() {
        return max;
    }

    /**
     * Returns how many delays were given since the last reset.
     *
     * @return the failed attempts of the current outage
     */
    synchronized int attempts() {
        return attempts;
    }

    /** Starts again from the initial delay: the stream is connected. */
    synchronized void reset() {
        attempts = 0;
    }
}
