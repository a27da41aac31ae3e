package io.github.incus4j.test;

/**
 * Thrown when a throw-away Incus daemon cannot be started, does not answer, or an {@code incus}
 * command run against it fails.
 *
 * <p>The message is meant to be read by a person looking at a failed test: it names the step that
 * failed and, where the daemon was involved, ends with the last lines of the daemon's log.
 */
public class IncusDaemonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message only.
     *
     * @param message what failed and, if known, why
     */
    public IncusDaemonException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps the problem that caused it.
     *
     * @param message what failed and, if known, why
     * @param cause   the underlying problem
     */
    public IncusDaemonException(String message, Throwable cause) {
        super(message, cause);
    }
}
