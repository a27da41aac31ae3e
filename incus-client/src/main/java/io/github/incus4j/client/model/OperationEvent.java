package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A background operation was created or changed state ({@code type: operation}).
 *
 * @param timestamp when it happened
 * @param project the project of the envelope
 * @param location the cluster member
 * @param metadata the raw payload
 * @param operation the operation as it is now
 */
public record OperationEvent(@Nullable Instant timestamp, String project, String location, Map<String, Object> metadata,
        Operation operation) implements Event {

    /**
     * Normalises missing fields.
     *
     * @param timestamp when it happened
     * @param project the project of the envelope
     * @param location the cluster member
     * @param metadata the raw payload
     * @param operation the operation as it is now
     */
    public OperationEvent {
        project = Wire.text(project);
        location = Wire.text(location);
    }

    @Override
    public String type() {
        return "operation";
    }
}
