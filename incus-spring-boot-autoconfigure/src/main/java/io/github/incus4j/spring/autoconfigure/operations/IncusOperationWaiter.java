package io.github.incus4j.spring.autoconfigure.operations;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.OperationHandle;
import io.github.incus4j.client.OperationProgress;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Waits for Incus background operations with the application's defaults
 * ({@code incus.operations.*}) and reports their progress.
 *
 * <pre>{@code
 * Operation created = waiter.await(incus.instances().create(InstancesPost.builder("web-1")
 *                 .image("debian/12").start(true).build()),
 *         progress -> log.info("{}: {}", progress.description(), progress.text()))
 *     .block();
 * }</pre>
 *
 * <p>Every {@code await} completes with the final operation when it succeeded; fails with an
 * {@link IncusOperationException} carrying the daemon's error text when it failed or was cancelled;
 * and fails with an {@link IncusOperationTimeoutException} when the deadline passed, after asking
 * the daemon to cancel it if {@code incus.operations.cancel-on-timeout} is set. While waiting, the
 * operation is read every {@code incus.operations.progress-interval} to report its progress to
 * the callback and to this class's debug log; without a callback and with debug off, nothing but
 * the wait itself is sent.
 *
 * <p>Nothing happens until the returned {@code Mono} is subscribed to; blocking callers use
 * {@code .block()}.
 */
public final class IncusOperationWaiter {

    private static final Log logger = LogFactory.getLog(IncusOperationWaiter.class);

    private final IncusClient client;
    private final Duration timeout;
    private final boolean cancelOnTimeout;
    private final Duration progressInterval;

    /**
     * Creates a waiter.
     *
     * @param client the client, for operations known by id
     * @param timeout the default deadline
     * @param cancelOnTimeout whether to ask the daemon to cancel an operation still running at the deadline
     * @param progressInterval how often to read the operation for progress reports
     */
    public IncusOperationWaiter(IncusClient client, Duration timeout, boolean cancelOnTimeout,
            Duration progressInterval) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = positive("timeout", timeout);
        this.cancelOnTimeout = cancelOnTimeout;
        this.progressInterval = positive("progressInterval", progressInterval);
    }

    /**
     * Waits for the operation started by a call, such as {@code incus.instances().create(...)}.
     *
     * @param started the call that starts the operation
     * @return the final operation, as described in the class documentation
     */
    public Mono<Operation> await(Mono<OperationHandle> started) {
        Objects.requireNonNull(started, "started");
        return started.flatMap(this::await);
    }

    /**
     * Waits for an operation known by id, for example one started by another process.
     *
     * @param operationId the operation's id
     * @return the final operation
     */
    public Mono<Operation> await(String operationId) {
        Objects.requireNonNull(operationId, "operationId");
        return client.operations().handle(operationId).flatMap(this::await);
    }

    /**
     * Waits for an operation with the default deadline.
     *
     * @param operation the operation
     * @return the final operation
     */
    public Mono<Operation> await(OperationHandle operation) {
        return await(operation, timeout, null);
    }

    /**
     * Waits for an operation with the default deadline, reporting its progress.
     *
     * @param operation the operation
     * @param onProgress called with each new progress the operation reports (on a Reactor thread;
     *     exceptions it throws are logged and ignored)
     * @return the final operation
     */
    public Mono<Operation> await(OperationHandle operation, Consumer<OperationProgress> onProgress) {
        return await(operation, timeout, Objects.requireNonNull(onProgress, "onProgress"));
    }

    /**
     * Waits for an operation with a deadline of its own.
     *
     * @param operation the operation
     * @param deadline the longest time to wait
     * @param onProgress called with each new progress, or {@code null}
     * @return the final operation
     */
    public Mono<Operation> await(OperationHandle operation, Duration deadline,
            @Nullable Consumer<OperationProgress> onProgress) {
        Objects.requireNonNull(operation, "operation");
        positive("deadline", deadline);
        if (onProgress == null && !logger.isDebugEnabled()) {
            return operation.await(deadline, cancelOnTimeout);
        }
        return operation.await(deadline, cancelOnTimeout, progressInterval, progress -> {
            if (logger.isDebugEnabled()) {
                logger.debug("Operation " + progress.operationId() + " (" + progress.description() + "): "
                        + progress.text());
            }
            if (onProgress != null) {
                onProgress.accept(progress);
            }
        });
    }

    /**
     * Returns the default deadline ({@code incus.operations.timeout}).
     *
     * @return the deadline
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Tells whether operations still running at the deadline are cancelled
     * ({@code incus.operations.cancel-on-timeout}).
     *
     * @return {@code true} if a cancellation is requested at the deadline
     */
    public boolean cancelOnTimeout() {
        return cancelOnTimeout;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "IncusOperationWaiter[timeout=" + timeout + ", cancelOnTimeout=" + cancelOnTimeout
                + ", progressInterval=" + progressInterval + "]";
    }
}
