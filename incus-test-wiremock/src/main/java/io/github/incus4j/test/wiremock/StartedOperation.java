package io.github.incus4j.test.wiremock;

import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * One operation the stand-in started for a request, to check afterwards what became of it
 * ({@link IncusStandIn#operations()}): its id, its status now, whether it was cancelled.
 */
public final class StartedOperation {

    private final String id = UUID.randomUUID().toString();
    private final StandInOperation spec;
    private final Instant createdAt = Instant.now();
    private final long startedNanos = System.nanoTime();
    private final String request;
    private volatile long cancelledAfterNanos = -1;

    StartedOperation(StandInOperation spec, String request) {
        this.spec = spec;
        this.request = request;
    }

    /**
     * The operation's id, as in {@code /1.0/operations/ID}.
     *
     * @return a random UUID
     */
    public String id() {
        return id;
    }

    /**
     * The request that started it.
     *
     * @return such as {@code POST /1.0/instances}
     */
    public String request() {
        return request;
    }

    /**
     * The operation's status now, as Incus names it.
     *
     * @return {@code Running}, {@code Success}, {@code Failure} or {@code Cancelled}
     */
    public String status() {
        return stateAt(System.nanoTime()).status();
    }

    /**
     * Whether it was cancelled with {@code DELETE /1.0/operations/ID} while it ran.
     *
     * @return whether a cancellation reached it
     */
    public boolean isCancelled() {
        return cancelledAfterNanos >= 0;
    }

    @Override
    public String toString() {
        return "StartedOperation[" + id + ", " + request + ", " + status() + "]";
    }

    /** Cancels it if it runs at that time; returns whether it did. */
    synchronized boolean cancel(long nanos) {
        if (!stateAt(nanos).running()) {
            return false;
        }
        cancelledAfterNanos = nanos - startedNanos;
        return true;
    }

    /** The time left until it ends by itself, from {@code nanos}; negative when it never will. */
    long nanosUntilFinal(long nanos) {
        State state = stateAt(nanos);
        if (!state.running()) {
            return 0;
        }
        if (spec.outcome() == StandInOperation.Outcome.NEVER) {
            return -1;
        }
        return spec.runsFor().toNanos() - (nanos - startedNanos);
    }

    State stateAt(long nanos) {
        long elapsed = nanos - startedNanos;
        long cancelled = cancelledAfterNanos;
        if (cancelled >= 0 && elapsed >= cancelled) {
            return new State(401, "Cancelled", "Operation cancelled", "null");
        }
        if (spec.outcome() == StandInOperation.Outcome.NEVER || elapsed < spec.runsFor().toNanos()) {
            return new State(103, "Running", "", "null");
        }
        return spec.outcome() == StandInOperation.Outcome.SUCCESS ? new State(200, "Success", "", spec.finalMetadata())
                : new State(400, "Failure", spec.error(), "null");
    }

    /** The operation object at that time, as {@code GET /1.0/operations/ID} answers it. */
    String json(long nanos) {
        State state = stateAt(nanos);
        StringJoiner resources = new StringJoiner(",", "{", "}");
        for (Map.Entry<String, java.util.List<String>> entry : spec.resources().entrySet()) {
            resources.add(Envelopes.quote(entry.getKey()) + ":" + Envelopes.stringArray(entry.getValue()));
        }
        Instant updated = createdAt.plusNanos(Math.max(0, Math.min(nanos - startedNanos, spec.runsFor().toNanos())));
        return "{\"id\":" + Envelopes.quote(id) + ",\"class\":\"task\",\"description\":"
                + Envelopes.quote(spec.description()) + ",\"created_at\":" + Envelopes.quote(createdAt.toString())
                + ",\"updated_at\":" + Envelopes.quote(updated.toString()) + ",\"status\":"
                + Envelopes.quote(state.status()) + ",\"status_code\":" + state.code() + ",\"resources\":"
                + resources + ",\"metadata\":" + state.metadata() + ",\"may_cancel\":true,\"err\":"
                + Envelopes.quote(state.error()) + ",\"location\":\"none\"}";
    }

    record State(int code, String status, String error, String metadata) {
        boolean running() {
            return code == 103;
        }

        boolean failed() {
            return code >= 400;
        }
    }
}
