package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One message of the daemon's event stream ({@code /1.0/events}), typed by its kind.
 *
 * <pre>{@code
 * client.events().stream(EventFilter.types(EventFilter.LIFECYCLE)).subscribe(event -> {
 *     if (event instanceof LifecycleEvent lifecycle) {
 *         log.info("{} {}", lifecycle.action(), lifecycle.source());
 *     }
 * });
 * }</pre>
 *
 * <p>Every event carries the envelope's fields; {@link #metadata()} is the raw payload, which the
 * typed records also hold in parsed form.
 */
public sealed interface Event permits LifecycleEvent, OperationEvent, LoggingEvent, OtherEvent {

    /**
     * Returns the event type as the daemon wrote it.
     *
     * @return {@code lifecycle}, {@code operation}, {@code logging}, or another type of a newer daemon
     */
    String type();

    /**
     * Returns when the event happened.
     *
     * @return the time, or {@code null} if the daemon sent none
     */
    @Nullable Instant timestamp();

    /**
     * Returns the project the event belongs to.
     *
     * @return the project name, or {@code ""} when the daemon did not say
     */
    String project();

    /**
     * Returns the cluster member the event comes from.
     *
     * @return the member name, or {@code ""} (or {@code none}) on a standalone server
     */
    String location();

    /**
     * Returns the event's payload as sent.
     *
     * @return the metadata as the client reads JSON: maps, lists, strings, numbers, booleans and
     *     {@code null}; empty when the event has none
     */
    Map<String, Object> metadata();
}
