package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An event of a type this client does not know (from a newer daemon); its payload is in
 * {@link #metadata()}.
 *
 * @param type the event type
 * @param timestamp when it happened
 * @param project the project of the envelope
 * @param location the cluster member
 * @param metadata the raw payload
 */
public record OtherEvent(String type, @Nullable Instant timestamp, String project, String location,
        Map<String, Object> metadata) implements Event {

    /**
     * Normalises missing fields.
     *
     * @param type the event type
     * @param timestamp when it happened
     * @param project the project of the envelope
     * @param location the cluster member
     * @param metadata the raw payload
     */
    public OtherEvent {
        type = Wire.text(type);
        project = Wire.text(project);
        location = Wire.text(location);
    }
}
