package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A log message of the daemon ({@code type: logging}, or {@code network-acl} for network ACL
 * logs, which have the same shape). Only privileged clients may receive them.
 *
 * @param type {@code logging} or {@code network-acl}
 * @param timestamp when it was logged
 * @param project the project of the envelope
 * @param location the cluster member
 * @param metadata the raw payload
 * @param level the log level, such as {@code info} or {@code debug}
 * @param message the message
 * @param context the message's key/value context
 */
public record LoggingEvent(String type, @Nullable Instant timestamp, String project, String location,
        Map<String, Object> metadata, String level, String message, Map<String, String> context) implements Event {

    /**
     * Normalises missing fields.
     *
     * @param type {@code logging} or {@code network-acl}
     * @param timestamp when it was logged
     * @param project the project of the envelope
     * @param location the cluster member
     * @param metadata the raw payload
     * @param level the log level, such as {@code info} or {@code debug}
     * @param message the message
     * @param context the message's key/value context
     */
    public LoggingEvent {
        type = Wire.text(type);
        project = Wire.text(project);
        location = Wire.text(location);
        level = Wire.text(level);
        message = Wire.text(message);
        context = Wire.map(context);
    }
}
