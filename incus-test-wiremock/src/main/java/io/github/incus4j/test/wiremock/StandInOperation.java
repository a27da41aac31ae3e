package io.github.incus4j.test.wiremock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a background operation of the stand-in does: succeed, fail with the daemon's text, or never
 * finish; at once or after a while. Immutable: each modifier returns a new description.
 * <pre>{@code
 * incus.post("/1.0/instances").startsOperation(StandInOperation.succeeds().after(Duration.ofMillis(300))
 *         .resource("instances", "/1.0/instances/web1"));
 * incus.put("/1.0/instances/web1/state").startsOperation(StandInOperation.fails("The instance is already stopped"));
 * }</pre>
 *
 * <p>Every request to a stub that starts an operation starts a new one (a new id), answered
 * {@code 202 Accepted} with an async envelope, and reachable at {@code /1.0/operations/ID} and
 * {@code /1.0/operations/ID/wait} until the stand-in is reset.
 */
public final class StandInOperation {

    enum Outcome { SUCCESS, FAILURE, NEVER }

    private final Outcome outcome;
    private final String error;
    private final Duration after;
    private final String description;
    private final Map<String, List<String>> resources;
    private final String metadata;

    private StandInOperation(Outcome outcome, String error, Duration after, String description,
            Map<String, List<String>> resources, String metadata) {
        this.outcome = outcome;
        this.error = error;
        this.after = after;
        this.description = description;
        this.resources = resources;
        this.metadata = metadata;
    }

    /**
     * An operation that succeeds (status {@code Success}, code 200), at once unless {@link #after} says otherwise.
     *
     * @return the description
     */
    public static StandInOperation succeeds() {
        return new StandInOperation(Outcome.SUCCESS, "", Duration.ZERO, "Stand-in task", Map.of(), "null");
    }

    /**
     * An operation that fails (status {@code Failure}, code 400) with the daemon's error text, at
     * once unless {@link #after} says otherwise. Its {@code /wait} answers HTTP 200 with an error
     * envelope carrying the text, as Incus 6.0 does.
     *
     * @param error the text, such as {@code "Failed creating instance record: Instance \"web1\" already exists"}
     * @return the description
     */
    public static StandInOperation fails(String error) {
        Objects.requireNonNull(error, "error");
        return new StandInOperation(Outcome.FAILURE, error, Duration.ZERO, "Stand-in task", Map.of(), "null");
    }

    /**
     * An operation that stays {@code Running} (code 103) until it is cancelled
     * ({@code DELETE /1.0/operations/ID}): for tests of deadlines and cancellation. Its
     * {@code /wait?timeout=N} answers after N seconds with the running operation, as Incus does.
     *
     * @return the description
     */
    public static StandInOperation neverFinishes() {
        return new StandInOperation(Outcome.NEVER, "", Duration.ZERO, "Stand-in task", Map.of(), "null");
    }

    /**
     * Keeps the operation {@code Running} for a while after it starts before it ends.
     *
     * @param duration how long it runs; zero or more
     * @return a new description
     */
    public StandInOperation after(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive, got " + duration);
        }
        return new StandInOperation(outcome, error, duration, description, resources, metadata);
    }

    /**
     * Sets the operation's {@code description}, such as {@code "Creating instance"}.
     *
     * @param text the description
     * @return a new description
     */
    public StandInOperation description(String text) {
        return new StandInOperation(outcome, error, after, Objects.requireNonNull(text, "text"), resources, metadata);
    }

    /**
     * Adds a resource the operation is about, as Incus lists them ({@code "resources":{"instances":["/1.0/instances/web1"]}}).
     *
     * @param type the resource type, such as {@code instances}
     * @param url the resource's URL, such as {@code /1.0/instances/web1}
     * @return a new description
     */
    public StandInOperation resource(String type, String url) {
        Map<String, List<String>> more = new LinkedHashMap<>(resources);
        List<String> urls = new ArrayList<>(more.getOrDefault(Objects.requireNonNull(type, "type"), List.of()));
        urls.add(Objects.requireNonNull(url, "url"));
        more.put(type, List.copyOf(urls));
        return new StandInOperation(outcome, error, after, description, Map.copyOf(more), metadata);
    }

    /**
     * Sets the operation's {@code metadata} once it has succeeded, such as an exec's
     * {@code {"return":0}}; {@code null} until then and by default.
     *
     * @param json a JSON value
     * @return a new description
     * @throws IllegalArgumentException if it is not JSON
     */
    public StandInOperation metadata(String json) {
        return new StandInOperation(outcome, error, after, description, resources, Json.check(json, "metadata"));
    }

    Outcome outcome() {
        return outcome;
    }

    String error() {
        return error;
    }

    Duration runsFor() {
        return after;
    }

    String description() {
        return description;
    }

    Map<String, List<String>> resources() {
        return resources;
    }

    String finalMetadata() {
        return metadata;
    }
}
