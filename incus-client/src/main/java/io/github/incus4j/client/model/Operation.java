package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A background operation of the daemon ({@code GET /1.0/operations/{id}}).
 *
 * @param id the operation's UUID
 * @param operationClass {@code task}, {@code websocket} or {@code token} (JSON {@code class})
 * @param description what the operation does, for example {@code "Creating instance"}
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param status the status text; compare {@link #statusCode()} instead
 * @param statusCode the status code, final at {@link StatusCode#SUCCESS} and above
 * @param resources the affected objects by kind, as URLs ({@code instances -> [/1.0/instances/c1]})
 * @param metadata free-form data of the operation (exec file descriptors, return code, ...)
 * @param mayCancel whether {@code DELETE /1.0/operations/{id}} may cancel it
 * @param err the error text of a failed operation, empty otherwise
 * @param location the cluster member running it ({@code none} on a standalone server)
 */
public record Operation(
        String id,
        @JsonProperty("class") String operationClass,
        String description,
        @Nullable Instant createdAt,
        @Nullable Instant updatedAt,
        String status,
        int statusCode,
        Map<String, List<String>> resources,
        Map<String, Object> metadata,
        boolean mayCancel,
        String err,
        String location) {

    /**
     * Normalises missing fields.
     *
     * @param id the operation's UUID
     * @param operationClass {@code task}, {@code websocket} or {@code token} (JSON {@code class})
     * @param description what the operation does, for example {@code "Creating instance"}
     * @param createdAt when it was created
     * @param updatedAt when it last changed
     * @param status the status text; compare {@link #statusCode()} instead
     * @param statusCode the status code, final at {@link StatusCode#SUCCESS} and above
     * @param resources the affected objects by kind, as URLs ({@code instances ->
     *     [/1.0/instances/c1]})
     * @param metadata free-form data of the operation (exec file descriptors, return code, ...)
     * @param mayCancel whether {@code DELETE /1.0/operations/{id}} may cancel it
     * @param err the error text of a failed operation, empty otherwise
     * @param location the cluster member running it ({@code none} on a standalone server)
     */
    public Operation {
        id = Wire.text(id);
        operationClass = Wire.text(operationClass);
        description = Wire.text(description);
        status = Wire.text(status);
        resources = Wire.map(resources);
        metadata = Wire.map(metadata);
        err = Wire.text(err);
        location = Wire.text(location);
    }

    /**
     * Tells whether the operation has ended (successfully or not).
     *
     * @return {@code true} when the status code is final
     */
    public boolean isFinal() {
        return StatusCode.isFinal(statusCode);
    }

    /**
     * Tells whether the operation ended successfully.
     *
     * @return {@code true} for status code {@link StatusCode#SUCCESS}
     */
    public boolean isSuccess() {
        return statusCode == StatusCode.SUCCESS;
    }
}
