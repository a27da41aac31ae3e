package io.github.incus4j.client;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which events to receive from {@code /1.0/events}, and how far a subscriber may fall behind.
 *
 * <pre>{@code
 * EventFilter.types(EventFilter.LIFECYCLE, EventFilter.OPERATION).inAllProjects()
 * }</pre>
 *
 * @param types the event types ({@code type=} query parameter); empty for all types
 * @param allProjects whether to receive the events of every project ({@code all-projects=true})
 *     instead of the client's project
 * @param bufferSize how many events the client holds for a subscriber that has not asked for
 *     them yet; beyond that the stream fails (the daemon itself drops listeners that do not read)
 */
public record EventFilter(Set<String> types, boolean allProjects, int bufferSize) {

    /** Audit events: objects created, changed, deleted, started. */
    public static final String LIFECYCLE = "lifecycle";
    /** Background operations created and changing state. */
    public static final String OPERATION = "operation";
    /** The daemon's log messages (privileged clients only). */
    public static final String LOGGING = "logging";
    /** The default {@link #bufferSize()}. */
    public static final int DEFAULT_BUFFER_SIZE = 1024;

    /**
     * * Checks the values.
     *
     * @throws IllegalArgumentException if a type is blank or contains a comma, or the buffer is not positive
     *
     * @param types the event types ({@code type=} query parameter); empty for all types
     * @param allProjects whether to receive the events of every project ({@code all-projects=true})
     *     instead of the client's project
     * @param bufferSize how many events the client holds for a subscriber that has not asked for them
     *     yet; beyond that the stream fails (the daemon itself drops listeners that do not read)
     */
    public EventFilter {
        types = Set.copyOf(new LinkedHashSet<>(types));
        for (String type : types) {
            if (type == null || type.isBlank() || type.contains(",")) {
                throw new IllegalArgumentException("event type must be a single name such as 'lifecycle', got '"
                        + type + "'");
            }
        }
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive, got " + bufferSize);
        }
    }

    /**
     * Every event type of the client's project.
     *
     * @return the filter
     */
    public static EventFilter all() {
        return new EventFilter(Set.of(), false, DEFAULT_BUFFER_SIZE);
    }

    /**
     * Some event types of the client's project.
     *
     * @param types such as {@link #LIFECYCLE} and {@link #OPERATION}
     * @return the filter
     */
    public static EventFilter types(String... types) {
        return new EventFilter(new LinkedHashSet<>(Arrays.asList(types)), false, DEFAULT_BUFFER_SIZE);
    }

    /**
     * Returns a copy that receives the events of every project.
     *
     * @return the copy
     */
    public EventFilter inAllProjects() {
        return new EventFilter(types, true, bufferSize);
    }

    /**
     * Returns a copy with another buffer size.
     *
     * @param events how many events may wait for a slow subscriber
     * @return the copy
     */
    public EventFilter withBufferSize(int events) {
        return new EventFilter(types, allProjects, events);
    }
}
