package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.OperationWaiter;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A background operation started by a call that the daemon answered with {@code 202 Accepted}.
 *
 * <pre>{@code
 * Operation done = client.instances().create(request)
 *         .flatMap(operation -> operation.await(Duration.ofMinutes(2)))
 *         .block();
 * }</pre>
 *
 * <p>The handle remembers the last state it saw. The daemon forgets an operation about five
 * seconds after it ends, so an operation already seen in its final state is answered from memory
 * rather than failing with "not found".
 */
public final class OperationHandle {

    private static final Log logger = LogFactory.getLog(OperationHandle.class);

    private final IncusHttp http;
    private final AtomicReference<Operation> lastSeen;

    OperationHandle(IncusHttp http, Operation initial) {
        this.http = http;
        this.lastSeen = new AtomicReference<>(initial);
    }

    /**
     * Returns the operation's id.
     *
     * @return the UUID of the operation
     */
    public String id() {
        return lastSeen.get().id();
    }

    /**
     * Returns the operation as last seen, without asking the daemon.
     *
     * @return the last known state
     */
    public Operation lastSeen() {
        return lastSeen.get();
    }

    /**
     * Waits for the operation to end, leaving it running if the deadline passes.
     *
     * @param timeout the longest time to wait
     * @return the final operation if it succeeded; an
     *     {@link io.github.incus4j.client.exception.IncusOperationException} with the daemon's error text if it
     *     failed; an {@link io.github.incus4j.client.exception.IncusOperationTimeoutException} at the deadline
     */
    public Mono<Operation> await(Duration timeout) {
        return await(timeout, false);
    }

    /**
     * Waits for the operation to end.
     *
     * @param timeout the longest time to wait
     * @param cancelOnTimeout whether to ask the daemon to cancel the operation at the deadline
     * @return as {@link #await(Duration)}
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/wait")
    public Mono<Operation> await(Duration timeout, boolean cancelOnTimeout) {
        return Mono.defer(() -> {
            Operation known = lastSeen.get();
            if (known.isFinal()) {
                return OperationWaiter.finish(known);
            }
            return new OperationWaiter(http).await(known.id(), timeout, cancelOnTimeout)
                    .doOnNext(lastSeen::set)
                    .doOnError(io.github.incus4j.client.exception.IncusOperationException.class,
                            failed -> lastSeen.set(failed.operation()));
        });
    }

    /**
     * Waits for the operation to end as {@link #await(Duration, boolean)} does, and meanwhile
     * reads its state every {@code progressInterval} and reports each new progress (image
     * downloads and unpacking, copies, migrations, exports) to {@code onProgress}, starting with
     * what the handle last saw. A failing callback is logged and does not end the wait; a read of
     * the progress that fails is skipped (the wait itself reports what is wrong).
     *
     * @param timeout the longest time to wait
     * @param cancelOnTimeout whether to ask the daemon to cancel the operation at the deadline
     * @param progressInterval how often to read the progress; a positive duration
     * @param onProgress receives each progress that differs from the one before
     * @return as {@link #await(Duration)}
     * @throws IllegalArgumentException if {@code progressInterval} is not positive or
     *     {@code onProgress} is {@code null}
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}/wait")
    @Endpoint(method = "GET", path = "/1.0/operations/{id}")
    public Mono<Operation> await(Duration timeout, boolean cancelOnTimeout, Duration progressInterval,
            Consumer<OperationProgress> onProgress) {
        Names.positive("progressInterval", progressInterval);
        Names.required("onProgress", onProgress);
        Mono<Operation> wait = await(timeout, cancelOnTimeout);
        return Mono.defer(() -> {
            Consumer<Operation> reporter = reporter(onProgress);
            reporter.accept(lastSeen.get());
            Disposable poller = Flux.interval(progressInterval, progressInterval)
                    .onBackpressureDrop()
                    .concatMap(tick -> refresh().onErrorResume(unreadable -> Mono.empty()), 1)
                    .takeWhile(current -> !current.isFinal())
                    .subscribe(reporter);
            return wait.doFinally(signal -> poller.dispose());
        });
    }

    /** Passes on each progress that differs from the last one passed on. */
    private static Consumer<Operation> reporter(Consumer<OperationProgress> onProgress) {
        AtomicReference<@Nullable OperationProgress> last = new AtomicReference<>();
        return operation -> {
            OperationProgress progress = OperationProgress.of(operation);
            if (progress == null || progress.equals(last.getAndSet(progress))) {
                return;
            }
            try {
                onProgress.accept(progress);
            } catch (RuntimeException e) {
                logger.warn("The progress callback of operation " + progress.operationId() + " failed", e);
            }
        };
    }

    /**
     * Reads the operation's current state from the daemon.
     *
     * @return the current state (answered from memory once the operation was seen final)
     */
    @Endpoint(method = "GET", path = "/1.0/operations/{id}")
    public Mono<Operation> refresh() {
        return Mono.defer(() -> {
            Operation known = lastSeen.get();
            if (known.isFinal()) {
                return Mono.just(known);
            }
            return http.send(IncusRequest.get("/1.0/operations/{id}").path("id", "operation id", known.id()).build())
                    .map(response -> response.metadataAs(Operation.class))
                    .doOnNext(lastSeen::set);
        });
    }

    /**
     * Asks the daemon to cancel the operation. Only operations that allow it
     * ({@link Operation#mayCancel()}) can be cancelled; the daemon answers others with an error.
     *
     * @return completes once the daemon accepted the cancellation
     */
    @Endpoint(method = "DELETE", path = "/1.0/operations/{id}")
    public Mono<Void> cancel() {
        return Mono.defer(() -> http.send(IncusRequest.of(HttpMethod.DELETE, "/1.0/operations/{id}")
                .path("id", "operation id", id()).build())).then();
    }

    @Override
    public String toString() {
        Operation operation = lastSeen.get();
        return "OperationHandle[" + operation.id() + " " + operation.description() + ": " + operation.status() + "]";
    }
}
