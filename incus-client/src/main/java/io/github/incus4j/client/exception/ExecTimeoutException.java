package io.github.incus4j.client.exception;

import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.List;

/**
 * A command did not finish before its deadline
 * ({@link io.github.incus4j.client.ExecRequest.Builder#timeout(Duration)}).
 *
 * <p>By the time this is thrown the client has sent the command {@code SIGKILL} through the
 * control websocket, closed its streams and asked the daemon to cancel the operation; the
 * instance keeps running. For {@link io.github.incus4j.client.InstanceExecApi#run} the output
 * captured until the deadline is available from {@link #stdout()} and {@link #stderr()}.
 */
public class ExecTimeoutException extends IncusOperationTimeoutException {

    private static final long serialVersionUID = 1L;

    /** The instance the command ran in. */
    private final String instance;
    /** The command and its arguments. */
    private final List<String> command;
    /** The deadline that passed. */
    private final Duration timeout;
    /** Standard output captured until the deadline, empty where none was captured. */
    private final byte[] stdout;
    /** Standard error captured until the deadline, empty where none was captured. */
    private final byte[] stderr;

    /**
     * Creates the exception.
     *
     * @param instance the instance the command ran in
     * @param command the command
     * @param timeout the deadline that passed
     * @param lastSeen the command's operation as last seen
     * @param stdout standard output captured until the deadline
     * @param stderr standard error captured until the deadline
     */
    public ExecTimeoutException(String instance, List<String> command, Duration timeout, Operation lastSeen,
            byte[] stdout, byte[] stderr) {
        super(lastSeen, timeout, true);
        this.instance = instance;
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.stdout = stdout.clone();
        this.stderr = stderr.clone();
    }

    /**
     * Returns a copy that carries the output captured until the deadline, with this exception's
     * stack trace.
     *
     * @param capturedStdout standard output captured until the deadline
     * @param capturedStderr standard error captured until the deadline
     * @return the copy
     */
    public ExecTimeoutException withOutput(byte[] capturedStdout, byte[] capturedStderr) {
        ExecTimeoutException copy = new ExecTimeoutException(instance, command, timeout, lastSeen(), capturedStdout,
                capturedStderr);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    @Override
    public String getMessage() {
        return "The command " + command + " in instance '" + instance + "' did not finish within " + timeout
                + ": it was sent SIGKILL and its streams were closed (operation " + lastSeen().id()
                + "); raise ExecRequest.timeout(...) if it needs longer";
    }

    /**
     * Returns the instance the command ran in.
     *
     * @return the instance name
     */
    public String instance() {
        return instance;
    }

    /**
     * Returns the command.
     *
     * @return the program and its arguments
     */
    public List<String> command() {
        return command;
    }

    /**
     * Returns the deadline that passed.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns the standard output captured until the deadline ({@link io.github.incus4j.client.InstanceExecApi#run} only).
     *
     * @return the bytes, possibly empty
     */
    public byte[] stdout() {
        return stdout.clone();
    }

    /**
     * Returns the standard error captured until the deadline ({@link io.github.incus4j.client.InstanceExecApi#run} only).
     *
     * @return the bytes, possibly empty
     */
    public byte[] stderr() {
        return stderr.clone();
    }
}
