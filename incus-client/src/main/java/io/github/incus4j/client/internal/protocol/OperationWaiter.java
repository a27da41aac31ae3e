package io.github.incus4j.client.internal.protocol;

import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.exception.IncusOperationTimeoutException;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Waits for an operation with {@code GET /1.0/operations/{id}/wait?timeout=N}, in a loop, until
 * the operation is final or the caller's deadline passes.
 *
 * <p>The daemon answers {@code /wait} with HTTP 200 both when the operation ended and when its own
 * timeout ran out, so only the operation's status code says which; and when the operation failed,
 * Incus 6.0 answers with an <em>error envelope</em> (still HTTP 200) carrying the operation's error
 * text, so the waiter then reads the final operation itself to report it whole. Each round asks the daemon to
 * wait at most {@value #MAX_ROUND_SECONDS} seconds (so that a dead connection is noticed) and never
 * past the deadline, and the client cuts the round at the deadline too.
 */
public final class OperationWaiter {

    /** The longest single {@code /wait} the client asks for. */
    static final int MAX_ROUND_SECONDS = 30;

    /** Extra time for a {@code /wait} answer to arrive after the daemon's own timeout. */
    private static final Duration ANSWER_GRACE = Duration.ofSeconds(15);

    /** A pause between rounds that came back at once without a final state, against a hot loop. */
    private static final Duration QUICK_ROUND_PAUSE = Duration.ofMillis(100);

    private final IncusHttp http;

    /**
     * Creates a waiter.
     *
     * @param http the request executor
     */
    public OperationWaiter(IncusHttp http) {
        this.http = http;
    }

    /**
     * Waits for an operation to end.
     *
     * @param id the operation id
     * @param timeout the caller's deadline, from now
     * @param cancelOnTimeout whether to ask the daemon to cancel the operation when the deadline passes
     * @return the successful final operation; an {@link IncusOperationException} if it failed or was
     *     cancelled; an {@link IncusOperationTimeoutException} if the deadline passed
     */
    public Mono<Operation> await(String id, Duration timeout, boolean cancelOnTimeout) {
        Names.segment("operation id", id);
        Names.positive("timeout", timeout);
        return Mono.defer(() -> round(id, System.nanoTime() + timeout.toNanos(), timeout, cancelOnTimeout));
    }

    private Mono<Operation> round(String id, long deadline, Duration timeout, boolean cancelOnTimeout) {
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
            return expired(id, timeout, cancelOnTimeout);
        }
        Duration remaining = Duration.ofNanos(remainingNanos);
        long seconds = Math.max(1, Math.min(MAX_ROUND_SECONDS, (remainingNanos + 999_999_999L) / 1_000_000_000L));
        IncusRequest request = IncusRequest.get("/1.0/operations/{id}/wait")
                .path("id", "operation id", id)
                .query("timeout", Long.toString(seconds))
                .responseTimeout(Duration.ofSeconds(seconds).plus(ANSWER_GRACE))
                .build();
        long started = System.nanoTime();
        return http.send(request)
                .map(response -> response.metadataAs(Operation.class))
                .onErrorResume(IncusApiException.class, failure -> failedOperation(id, failure))
                .timeout(remaining)
                .onErrorResume(TimeoutException.class, deadlinePassed -> expired(id, timeout, cancelOnTimeout))
                .flatMap(operation -> {
                    if (operation.isFinal()) {
                        return finish(operation);
                    }
                    Mono<Operation> next = Mono.defer(() -> round(id, deadline, timeout, cancelOnTimeout));
                    boolean quick = System.nanoTime() - started < QUICK_ROUND_PAUSE.toNanos();
                    return quick ? Mono.delay(QUICK_ROUND_PAUSE).then(next) : next;
                });
    }

    /**
     * Turns a final operation into the caller's result.
     *
     * @param operation a final operation
     * @return the operation if it succeeded, an {@link IncusOperationException} otherwise
     */
    public static Mono<Operation> finish(Operation operation) {
        return operation.isSuccess() ? Mono.just(operation) : Mono.error(new IncusOperationException(operation));
    }

    /** An error answer to {@code /wait}: the operation failed, unless the operation itself cannot be read. */
    private Mono<Operation> failedOperation(String id, IncusApiException failure) {
        return read(id).onErrorResume(unreadable -> Mono.error(failure))
                .flatMap(operation -> operation.isFinal() ? Mono.just(operation) : Mono.error(failure));
    }

    private Mono<Operation> read(String id) {
        IncusRequest request = IncusRequest.get("/1.0/operations/{id}").path("id", "operation id", id).build();
        return http.send(request).map(response -> response.metadataAs(Operation.class));
    }

    private Mono<Operation> expired(String id, Duration timeout, boolean cancelOnTimeout) {
        Mono<Operation> lastSeen = read(id).onErrorResume(unreadable -> Mono.just(unknown(id)));
        return lastSeen.flatMap(operation -> {
            if (operation.isFinal()) {
                // It ended just as the deadline passed: the caller gets the result, not a timeout.
                return finish(operation);
            }
            Mono<Boolean> cancelled = cancelOnTimeout ? cancel(id) : Mono.just(false);
            return cancelled.flatMap(sent -> Mono.error(new IncusOperationTimeoutException(operation, timeout, sent)));
        });
    }

    private Mono<Boolean> cancel(String id) {
        IncusRequest request = IncusRequest.of(HttpMethod.DELETE, "/1.0/operations/{id}")
                .path("id", "operation id", id).build();
        return http.send(request).thenReturn(true).onErrorReturn(false);
    }

    private static Operation unknown(String id) {
        return new Operation(id, "", "", null, null, "Unknown", 0, null, null, false, "", "");
    }
}
