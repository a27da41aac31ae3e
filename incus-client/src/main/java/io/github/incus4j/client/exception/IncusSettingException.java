package io.github.incus4j.client.exception;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A setting of {@link io.github.incus4j.client.IncusClientBuilder} (or key material read by
 * {@link io.github.incus4j.client.internal.transport.ClientKeys}) that cannot be used. The message names
 * the setting or file and says what to do; {@link #setting()} says which setting it is, so that a
 * caller mapping settings to its own configuration (such as Spring Boot's {@code incus.*}
 * properties) need not read the message.
 *
 * <pre>{@code
 * try {
 *     builder.clientCertificate(certificate, key);
 * } catch (IncusSettingException e) {
 *     if (e.setting() == IncusSettingException.Setting.CLIENT_KEY) {
 *         // the key file is at fault, not the certificate
 *     }
 * }
 * }</pre>
 *
 * <p>It is an {@link IllegalArgumentException}, thrown when the setting is given or when the
 * client is built, never later; the daemon is not contacted.
 */
public final class IncusSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The settings a failure can be about. */
    public enum Setting {
        /** The daemon's HTTPS address: {@link io.github.incus4j.client.IncusClientBuilder#url(String)}. */
        URL,
        /** The Unix socket: {@link io.github.incus4j.client.IncusClientBuilder#unixSocket}. */
        SOCKET_PATH,
        /** The client certificate PEM file (or text) of {@link io.github.incus4j.client.IncusClientBuilder#clientCertificate}. */
        CLIENT_CERTIFICATE,
        /**
         * The client's private key PEM file (or text) of {@link io.github.incus4j.client.IncusClientBuilder#clientCertificate},
         * including a key that does not belong to the certificate.
         */
        CLIENT_KEY,
        /** The keystore file of {@link io.github.incus4j.client.IncusClientBuilder#clientKeyStore}: missing, unreadable, not a keystore. */
        CLIENT_KEYSTORE,
        /** The keystore type given to {@link io.github.incus4j.client.IncusClientBuilder#clientKeyStore}: unknown to the JVM. */
        CLIENT_KEYSTORE_TYPE,
        /** The keystore password (also the key's): wrong, or missing. */
        CLIENT_KEYSTORE_PASSWORD,
        /** The key alias: no such key entry, or several entries and none named. */
        CLIENT_KEY_ALIAS,
        /** The key managers of {@link io.github.incus4j.client.IncusClientBuilder#keyManagers}. */
        KEY_MANAGERS,
        /** The pinned server certificate of {@link io.github.incus4j.client.IncusClientBuilder#serverCertificate}. */
        SERVER_CERTIFICATE,
        /** The CA file of {@link io.github.incus4j.client.IncusClientBuilder#certificateAuthorities}. */
        CERTIFICATE_AUTHORITIES,
        /** The trust managers of {@link io.github.incus4j.client.IncusClientBuilder#trustManagers}. */
        TRUST_MANAGERS,
        /** The TLS set-up as a whole: the key and trust material together cannot make a TLS context. */
        TLS,
        /**
         * The bearer token of {@link io.github.incus4j.client.IncusClientBuilder#bearerToken} or the token
         * source of {@link io.github.incus4j.client.IncusClientBuilder#bearerTokens}: blank, malformed, or
         * given for the Unix socket.
         */
        BEARER_TOKEN,
        /** {@link io.github.incus4j.client.IncusClientBuilder#project}. */
        PROJECT,
        /** {@link io.github.incus4j.client.IncusClientBuilder#target}. */
        TARGET,
        /** {@link io.github.incus4j.client.IncusClientBuilder#userAgent}. */
        USER_AGENT,
        /** {@link io.github.incus4j.client.IncusClientBuilder#connectTimeout}. */
        CONNECT_TIMEOUT,
        /** {@link io.github.incus4j.client.IncusClientBuilder#responseTimeout}. */
        RESPONSE_TIMEOUT,
        /** {@link io.github.incus4j.client.IncusClientBuilder#maxConnections}. */
        MAX_CONNECTIONS,
        /** {@link io.github.incus4j.client.IncusClientBuilder#maxResponseSize}. */
        MAX_RESPONSE_SIZE,
        /** {@link io.github.incus4j.client.IncusClientBuilder#maxConnectionLifetime}. */
        MAX_CONNECTION_LIFETIME,
        /** {@link io.github.incus4j.client.IncusClientBuilder#webClientBuilder}. */
        WEB_CLIENT_BUILDER,
        /** {@link io.github.incus4j.client.IncusClientBuilder#name}. */
        NAME,
        /** {@link io.github.incus4j.client.IncusClientBuilder#observationRegistry}. */
        OBSERVATION_REGISTRY,
        /**
         * Settings that are each valid but do not go together (a URL and a Unix socket; TLS
         * settings without a URL; a pinned certificate and other trust); the message names them.
         */
        CONFLICT
    }

    /** The setting that was refused. */
    private final Setting setting;

    /**
     * Creates the exception.
     *
     * @param setting the setting at fault
     * @param message what is wrong and what to do
     */
    public IncusSettingException(Setting setting, String message) {
        this(setting, message, null);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param setting the setting at fault
     * @param message what is wrong and what to do
     * @param cause the underlying failure, if any
     */
    public IncusSettingException(Setting setting, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /**
     * Returns the setting at fault.
     *
     * @return the setting; {@link Setting#CONFLICT} when settings do not go together
     */
    public Setting setting() {
        return setting;
    }
}
