package io.github.incus4j.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Names the value of a certificate or keystore property in messages and descriptions without
 * quoting content: a location is shown, anything else (PEM text, or what looks like key material
 * pasted where a location belongs) is not.
 */
final class TlsValues {

    /** Longer values are not locations anyone types. */
    private static final int MAX_LOCATION = 1024;

    private TlsValues() {
    }

    /**
     * Whether a value is content rather than a location: it has a PEM marker or a line break, or
     * is longer than any location (a keystore pasted in base64).
     *
     * @param value a property value
     * @return whether it must not be quoted
     */
    static boolean isContent(String value) {
        String stripped = value.strip();
        return stripped.contains("-----") || stripped.length() > MAX_LOCATION
                || stripped.indexOf('\n') >= 0 || stripped.indexOf('\r') >= 0;
    }

    /**
     * Describes a value for {@code toString()}.
     *
     * @param value a property value, or {@code null}
     * @return the location, {@code (inline PEM)}, {@code (content not shown)}, or {@code null}
     */
    static @Nullable String describe(@Nullable String value) {
        if (value == null) {
            return null;
        }
        if (!isContent(value)) {
            return value.strip();
        }
        return value.contains("-----BEGIN") ? "(inline PEM)" : "(content not shown)";
    }

    /**
     * Describes a value for a message.
     *
     * @param value a property value
     * @return the location in quotes, or {@code its inline PEM content}
     */
    static String quoted(String value) {
        return isContent(value) ? "its inline content" : "'" + value.strip() + "'";
    }
}
