package io.github.incus4j.client.exception;

import io.github.incus4j.client.model.Operation;
import java.time.Duration;

/**
 * An operation was still running when the caller's deadline passed.
 *
 * <p>The operation itself may go on in the daemon unless the wait was asked to cancel it;
 * {@link #cancelRequested()} tells whether a cancellation was sent.
 */
public class IncusOperationTimeoutException extends IncusException {

    private static final long serialVersionUID = 1L;

    private final transient Operation lastSeen;
    /** Whether the client asked the daemon to cancel the operation at the deadline. */
    private final boolean cancelRequested;

    /**
     * Creates the exception.
     *
     * @param lastSeen the operation as last seen before the deadline
     * @param timeout the deadline that passed
     * @param cancelRequested whether the client asked the daemon to cancel the operation
     */
    public IncusOperationTimeoutException(Operation lastSeen, Duration timeout, boolean cancelRequested) {
        super("Operation " + lastSeen.id() + " (" + lastSeen.description() + ") did not finish within "
                + timeout + "; last status: " + lastSeen.status()
                + (cancelRequested ? "; a cancellation was requested" : "; it may still be running, "
                        + "wait again or cancel it with operations().cancel(id)"));
        this.lastSeen = lastSeen;
        this.cancelRequested = cancelRequested;
    }

    /**
     * Returns the operation as last seen before the deadline.
     *
     * @return the last known state of the operation
     */
    public Operation lastSeen() {
        return lastSeen;
    }

    /**
     * Tells whether the client asked the daemon to cancel the operation when the deadline passed.
     *
     * @return {@code true} if a cancellation was sent
     */
    public boolean cancelRequested() {
        return cancelRequested;
    }
}
