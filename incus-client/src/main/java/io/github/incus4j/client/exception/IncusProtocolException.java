package io.github.incus4j.client.exception;

import org.jspecify.annotations.Nullable;

/**
 * The daemon's answer did not follow the Incus protocol: the body was not JSON, was cut short,
 * had fields of the wrong type, or was larger than the client accepts.
 *
 * <p>The message holds the method, the path, the HTTP status line and a bounded excerpt of the
 * body, so that a proxy's HTML error page or a truncated answer can be recognised in a log.
 */
public class IncusProtocolException extends IncusException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer, 0 when there was none. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param status the HTTP status of the answer, or 0 when none was received
     * @param message what was wrong with the answer
     * @param cause the parsing failure, if any
     */
    public IncusProtocolException(int status, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /**
     * Returns the HTTP status of the malformed answer.
     *
     * @return the status, or 0 when none was received
     */
    public int status() {
        return status;
    }
}
