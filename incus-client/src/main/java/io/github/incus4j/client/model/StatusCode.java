package io.github.incus4j.client.model;

/**
 * The numeric status codes Incus uses for operations, instances and responses.
 *
 * <p>Compare codes, not status texts (the Incus documentation says the same). A code of
 * {@value #SUCCESS} or more is final: the operation will not change any more.
 */
public final class StatusCode {

    /** The operation was created and has not started. */
    public static final int OPERATION_CREATED = 100;
    /** Started. */
    public static final int STARTED = 101;
    /** Stopped. */
    public static final int STOPPED = 102;
    /** Running. */
    public static final int RUNNING = 103;
    /** Being cancelled. */
    public static final int CANCELLING = 104;
    /** Pending. */
    public static final int PENDING = 105;
    /** Starting. */
    public static final int STARTING = 106;
    /** Stopping. */
    public static final int STOPPING = 107;
    /** Aborting. */
    public static final int ABORTING = 108;
    /** Freezing. */
    public static final int FREEZING = 109;
    /** Frozen. */
    public static final int FROZEN = 110;
    /** Thawed. */
    public static final int THAWED = 111;
    /** Error (an instance state). */
    public static final int ERROR = 112;
    /** Ready. */
    public static final int READY = 113;
    /** Final: success. */
    public static final int SUCCESS = 200;
    /** Final: failure. */
    public static final int FAILURE = 400;
    /** Final: cancelled. */
    public static final int CANCELLED = 401;

    private StatusCode() {
    }

    /**
     * Tells whether a status code is final.
     *
     * @param code an operation status code
     * @return {@code true} for {@value #SUCCESS} and above
     */
    public static boolean isFinal(int code) {
        return code >= SUCCESS;
    }
}
