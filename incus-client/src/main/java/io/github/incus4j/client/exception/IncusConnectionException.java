package io.github.incus4j.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The Incus daemon could not be reached, or the connection broke before an answer arrived.
 *
 * <p>The {@link #reason()} tells which kind of failure it was; the message says what was tried
 * and what to do about it (for example which socket paths were tried, or that the user is not in
 * the {@code incus-admin} group).
 */
public class IncusConnectionException extends IncusException {

    private static final long serialVersionUID = 1L;

    /** The kinds of connection failure the client recognises. */
    public enum Reason {
        /** No Unix socket exists at any of the paths tried. */
        SOCKET_NOT_FOUND,
        /** The Unix socket exists but the caller may not open it. */
        PERMISSION_DENIED,
        /** Nothing listens at the socket path or address: the daemon is not running. */
        CONNECTION_REFUSED,
        /** The TLS handshake failed: wrong pinned certificate, untrusted CA, protocol mismatch. */
        TLS,
        /** Connecting or waiting for the response took longer than the configured timeout. */
        TIMEOUT,
        /** The connection was closed or reset before the response was complete. */
        CONNECTION_CLOSED,
        /** Any other input/output failure. */
        IO
    }

    /** The kind of failure. */
    private final Reason reason;
    /** The socket path or URL that was being reached. */
    private final String endpoint;

    /**
     * Creates a connection exception.
     *
     * @param reason the kind of failure
     * @param endpoint the socket path or URL that was being reached
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure, if any
     */
    public IncusConnectionException(Reason reason, String endpoint, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.endpoint = endpoint;
    }

    /**
     * Returns the kind of failure.
     *
     * @return the reason, never {@code null}
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the socket path or URL the client tried to reach.
     *
     * @return a description of the endpoint
     */
    public String endpoint() {
        return endpoint;
    }
}
