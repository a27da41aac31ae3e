package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A warning the daemon raised about itself or an object ({@code GET /1.0/warnings/{uuid}}).
 *
 * @param uuid the warning's UUID
 * @param status {@code new}, {@code acknowledged} or {@code resolved}
 * @param severity {@code low}, {@code moderate} or {@code high}
 * @param type what kind of warning it is
 * @param count how often it was seen
 * @param firstSeenAt when it was first seen
 * @param lastSeenAt when it was last seen
 * @param lastMessage the last message
 * @param location the cluster member ({@code none} on a standalone server)
 * @param project the project it belongs to
 * @param entityUrl the URL of the object concerned, empty for the server itself
 * @param extra fields this client version does not know
 */
public record Warning(
        String uuid,
        String status,
        String severity,
        String type,
        int count,
        @Nullable Instant firstSeenAt,
        @Nullable Instant lastSeenAt,
        String lastMessage,
        String location,
        String project,
        String entityUrl,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param uuid the warning's UUID
     * @param status {@code new}, {@code acknowledged} or {@code resolved}
     * @param severity {@code low}, {@code moderate} or {@code high}
     * @param type what kind of warning it is
     * @param count how often it was seen
     * @param firstSeenAt when it was first seen
     * @param lastSeenAt when it was last seen
     * @param lastMessage the last message
     * @param location the cluster member ({@code none} on a standalone server)
     * @param project the project it belongs to
     * @param entityUrl the URL of the object concerned, empty for the server itself
     * @param extra fields this client version does not know
     */
    public Warning {
        uuid = Wire.text(uuid);
        status = Wire.text(status);
        severity = Wire.text(severity);
        type = Wire.text(type);
        lastMessage = Wire.text(lastMessage);
        location = Wire.text(location);
        project = Wire.text(project);
        entityUrl = Wire.text(entityUrl);
        extra = Wire.map(extra);
    }
}
