package io.github.incus4j.client.internal.protocol;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks of caller arguments made before any request is sent, so that a bad argument is
 * reported by name instead of as a confusing answer from the daemon.
 */
public final class Names {

    private Names() {
    }

    /**
     * Checks an object name that becomes one path segment.
     *
     * <p>Any character is allowed because the segment is percent-encoded, but a name that is empty
     * or made only of dots could never name an object: {@code ..} would walk up the path.
     *
     * @param argument the argument's name, for the message
     * @param value the value given
     * @return the value
     * @throws IllegalArgumentException if the value is null, blank, {@code .} or {@code ..}
     */
    public static String segment(String argument, @Nullable String value) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(argument + " must not be blank");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(argument + " must not be '" + value + "': it is not a valid Incus name");
        }
        return value;
    }

    /**
     * Checks a positive duration.
     *
     * @param argument the argument's name, for the message
     * @param value the value given
     * @return the value
     * @throws IllegalArgumentException if it is null, zero or negative
     */
    public static Duration positive(String argument, @Nullable Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(argument + " must be positive, got " + value);
        }
        return value;
    }

    /**
     * Checks that a required argument is present.
     *
     * @param argument the argument's name, for the message
     * @param value the value given
     * @param <T> its type
     * @return the value
     * @throws IllegalArgumentException if it is null
     */
    public static <T> T required(String argument, @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return value;
    }
}
