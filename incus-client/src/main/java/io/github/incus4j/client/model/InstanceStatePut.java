package io.github.incus4j.client.model;

/**
 * A change of an instance's state ({@code PUT /1.0/instances/{name}/state}).
 *
 * <p>Use the factories: {@link #start()}, {@link #stop(boolean)}, {@link #restart(boolean)},
 * {@link #freeze()}, {@link #unfreeze()}, and {@link #withTimeout(int)} to bound a clean stop.
 *
 * @param action {@code start}, {@code stop}, {@code restart}, {@code freeze} or {@code unfreeze}
 * @param timeout seconds to wait for a clean stop before failing ({@code -1}: the daemon's default)
 * @param force whether to kill the instance rather than ask it to stop
 * @param stateful whether to save (on stop) or restore (on start) the running state
 */
public record InstanceStatePut(String action, int timeout, boolean force, boolean stateful) {

    /**
     * Starts the instance.
     *
     * @return the state change
     */
    public static InstanceStatePut start() {
        return new InstanceStatePut("start", -1, false, false);
    }

    /**
     * Stops the instance.
     *
     * @param force {@code true} to kill it at once rather than ask it to shut down
     * @return the state change
     */
    public static InstanceStatePut stop(boolean force) {
        return new InstanceStatePut("stop", -1, force, false);
    }

    /**
     * Restarts the instance.
     *
     * @param force {@code true} to kill it rather than ask it to shut down
     * @return the state change
     */
    public static InstanceStatePut restart(boolean force) {
        return new InstanceStatePut("restart", -1, force, false);
    }

    /**
     * Freezes (pauses) the instance.
     *
     * @return the state change
     */
    public static InstanceStatePut freeze() {
        return new InstanceStatePut("freeze", -1, false, false);
    }

    /**
     * Unfreezes (resumes) the instance.
     *
     * @return the state change
     */
    public static InstanceStatePut unfreeze() {
        return new InstanceStatePut("unfreeze", -1, false, false);
    }

    /**
     * Returns a copy that waits at most this many seconds for a clean stop.
     *
     * @param seconds the timeout in seconds, positive
     * @return the changed copy
     */
    public InstanceStatePut withTimeout(int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("timeout must be positive seconds, got " + seconds);
        }
        return new InstanceStatePut(action, seconds, force, stateful);
    }
}
