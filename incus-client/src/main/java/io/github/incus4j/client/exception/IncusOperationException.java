package io.github.incus4j.client.exception;

import io.github.incus4j.client.model.Operation;

/**
 * A background operation ended in failure or was cancelled.
 *
 * <p>The message is the operation's {@code err} text as the daemon wrote it, for example
 * {@code "The instance is already stopped"}; {@link #operation()} is the final operation.
 */
public class IncusOperationException extends IncusException {

    private static final long serialVersionUID = 1L;

    private final transient Operation operation;

    /**
     * Creates the exception for a failed operation.
     *
     * @param operation the final operation, whose {@code err} explains the failure
     */
    public IncusOperationException(Operation operation) {
        super("Operation " + operation.id() + " (" + operation.description() + ") ended with status "
                + operation.status() + ": " + (operation.err().isEmpty() ? "(no error text)" : operation.err()));
        this.operation = operation;
    }

    /**
     * Returns the operation as it was when it ended.
     *
     * @return the final operation
     */
    public Operation operation() {
        return operation;
    }

    /**
     * Returns the daemon's explanation of the failure.
     *
     * @return the operation's {@code err} text
     */
    public String error() {
        return operation.err();
    }
}
