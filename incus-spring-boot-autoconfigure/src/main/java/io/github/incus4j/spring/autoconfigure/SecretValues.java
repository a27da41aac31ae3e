package io.github.incus4j.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The values of one client's properties that may hold key material or a password, and the means
 * to keep them out of every message and exception chain the starter lets out.
 *
 * <p>The starter never writes these values into its own messages. This is the second line: the
 * JDK, Spring Boot and the client library may quote what they were given (a private key pasted
 * where a file name was expected becomes "file '-----BEGIN PRIVATE KEY-----...' does not exist"),
 * so every failure leaving the auto-configuration passes through {@link #redact(RuntimeException)}.
 * A value is matched whole and line by line, since a library may quote a key trimmed or one line
 * of it.
 */
final class SecretValues {

    /** Shorter fragments are not searched for: they would match ordinary words of messages. */
    private static final int MIN_FRAGMENT = 8;

    /** Bounds the walk of a cause chain, which may be cyclic. */
    private static final int MAX_CHAIN = 32;

    /** Fragment to hide, with the property it belongs to, longest first. */
    private final Map<String, String> fragments;

    private SecretValues(Map<String, String> fragments) {
        this.fragments = fragments;
    }

    /**
     * Collects the secret values of one client's settings as the user gave them (values the
     * starter read from the incus command line's configuration are file names, not secrets).
     *
     * @param settings the settings as bound from the properties
     * @param prefix the properties' prefix, such as {@code incus} or {@code incus.clients.lab}
     * @return the values to hide
     */
    static SecretValues of(IncusConnectionProperties settings, String prefix) {
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        values.put(prefix + ".client-key", settings.getClientKey());
        values.put(prefix + ".client-key-password", settings.getClientKeyPassword());
        values.put(prefix + ".client-keystore-password", settings.getClientKeystorePassword());
        values.put(prefix + ".oidc.token", settings.getOidc().getToken());
        // Certificates are public, but whatever is pasted into these is not quoted either: a key
        // may have been pasted into the wrong property.
        values.put(prefix + ".client-certificate", content(settings.getClientCertificate()));
        values.put(prefix + ".server-certificate", content(settings.getServerCertificate()));
        values.put(prefix + ".certificate-authorities", content(settings.getCertificateAuthorities()));
        values.put(prefix + ".client-keystore", content(settings.getClientKeystore()));
        List<Map.Entry<String, String>> found = new ArrayList<>();
        values.forEach((property, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            found.add(Map.entry(value, property));
            for (String line : value.split("\\R")) {
                String trimmed = line.strip();
                // PEM's BEGIN/END and header lines (Proc-Type: ...) are no secret, and the starter's
                // own messages name them; the key is in the base64 lines.
                if (trimmed.length() >= MIN_FRAGMENT && !trimmed.startsWith("-----") && !trimmed.contains(": ")) {
                    found.add(Map.entry(trimmed, property));
                }
            }
        });
        // Longest first, so that a whole value is replaced before the lines it is made of.
        found.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
        Map<String, String> fragments = new LinkedHashMap<>();
        found.forEach(entry -> fragments.putIfAbsent(entry.getKey(), entry.getValue()));
        return new SecretValues(fragments);
    }

    private static @Nullable String content(@Nullable String value) {
        return value != null && TlsValues.isContent(value) ? value : null;
    }

    /**
     * Hides every secret value in a text.
     *
     * @param text a message
     * @return the message with each secret replaced by the name of its property
     */
    @Nullable String redact(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (Map.Entry<String, String> fragment : fragments.entrySet()) {
            if (result.contains(fragment.getKey())) {
                result = result.replace(fragment.getKey(), "[value of " + fragment.getValue() + " not shown]");
            }
        }
        return result;
    }

    /**
     * Returns the failure unchanged when no message of its chain holds a secret, otherwise a copy
     * whose messages (its own, its causes', their suppressed ones) hold none; types and stack
     * traces are kept for whoever debugs it.
     *
     * @param failure a failure about to leave the auto-configuration
     * @return the failure to throw instead
     */
    RuntimeException redact(RuntimeException failure) {
        if (fragments.isEmpty() || !leaks(failure, Collections.newSetFromMap(new IdentityHashMap<>()), 0)) {
            return failure;
        }
        Throwable cause = copy(failure.getCause(), 1);
        if (failure instanceof IncusConfigurationException configuration) {
            IncusConfigurationException clean = new IncusConfigurationException(configuration.property(),
                    String.valueOf(redact(configuration.getMessage())), String.valueOf(redact(configuration.action())),
                    cause);
            clean.setStackTrace(failure.getStackTrace());
            return clean;
        }
        return new RedactedException(failure, redact(failure.getMessage()), cause);
    }

    private boolean leaks(@Nullable Throwable failure, Set<Throwable> seen, int depth) {
        if (failure == null || depth > MAX_CHAIN || !seen.add(failure)) {
            return false;
        }
        if (!String.valueOf(redact(failure.getMessage())).equals(String.valueOf(failure.getMessage()))
                || (failure instanceof IncusConfigurationException configuration
                        && !String.valueOf(redact(configuration.action())).equals(configuration.action()))) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (leaks(suppressed, seen, depth + 1)) {
                return true;
            }
        }
        return leaks(failure.getCause(), seen, depth + 1);
    }

    private @Nullable Throwable copy(@Nullable Throwable failure, int depth) {
        if (failure == null || depth > MAX_CHAIN) {
            return null;
        }
        RedactedException copy = new RedactedException(failure, redact(failure.getMessage()),
                failure.getCause() == failure ? null : copy(failure.getCause(), depth + 1));
        for (Throwable suppressed : failure.getSuppressed()) {
            Throwable clean = copy(suppressed, depth + 1);
            if (clean != null) {
                copy.addSuppressed(clean);
            }
        }
        return copy;
    }

    /**
     * Stands in for a failure whose message held a secret: it names the original type and keeps
     * its stack trace, with the message redacted.
     */
    static final class RedactedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RedactedException(Throwable original, @Nullable String message, @Nullable Throwable cause) {
            super(original.getClass().getName() + (message != null ? ": " + message : ""), cause);
            setStackTrace(original.getStackTrace());
        }
    }
}
