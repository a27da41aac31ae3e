package io.github.incus4j.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception thrown by the Incus client.
 *
 * <p>All exceptions of the client are unchecked. Catch this type to handle any failure of a call,
 * or one of its subclasses to react to a specific kind:
 * <ul>
 *   <li>{@link IncusConnectionException}: the daemon could not be reached (socket missing,
 *       permission denied, connection refused, TLS failure, timeout);</li>
 *   <li>{@link IncusApiException} and its subclasses: the daemon answered with an error
 *       (bearer token refused, not found, forbidden, conflict, precondition failed, server error);</li>
 *   <li>{@link IncusOperationException}: a background operation ended in failure;</li>
 *   <li>{@link IncusOperationTimeoutException}: an operation did not finish before the caller's deadline;</li>
 *   <li>{@link IncusProtocolException}: the answer was not the JSON the Incus protocol prescribes.</li>
 * </ul>
 */
public class IncusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message and an optional cause.
     *
     * @param message what went wrong and, where known, what to do about it
     * @param cause the underlying failure, if any
     */
    public IncusException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and, where known, what to do about it
     */
    public IncusException(String message) {
        super(message);
    }
}
