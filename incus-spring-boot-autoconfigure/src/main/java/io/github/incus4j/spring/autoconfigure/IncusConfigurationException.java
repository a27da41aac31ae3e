package io.github.incus4j.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The {@code incus.*} settings (or the application's {@link IncusConnectionDetails}) cannot make
 * a working client: a malformed URL, settings that exclude each other, a certificate, key or
 * keystore that cannot be used, an unknown SSL bundle or one whose options the client cannot honour.
 *
 * <p>Thrown while the {@link io.github.incus4j.client.IncusClient} bean is created; the failure
 * analyzer turns it into a startup report naming {@link #property()} and {@link #action()}.
 * Messages never contain key material or passwords, valid or not.
 */
public class IncusConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String action;

    /**
     * Creates the exception.
     *
     * @param property the property to fix, such as {@code incus.url} (or the details bean and its method)
     * @param description what is wrong with it
     * @param action what to do about it
     * @param cause the underlying failure, if any
     */
    public IncusConfigurationException(String property, String description, String action,
            @Nullable Throwable cause) {
        super(description, cause);
        this.property = property;
        this.action = action;
    }

    /**
     * Returns the property whose value is wrong.
     *
     * @return the property name, such as {@code incus.client-keystore-password}
     */
    public String property() {
        return property;
    }

    /**
     * Returns what to do about it.
     *
     * @return the fix, in a sentence
     */
    public String action() {
        return action;
    }
}
