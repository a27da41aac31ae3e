package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The writable part of a UEFI variable ({@code PUT /1.0/instances/{name}/nvram/{guid}/{var}}).
 *
 * @param attributes the variable's attributes, such as {@code NON_VOLATILE}, {@code BOOTSERVICE_ACCESS}
 * @param data the value in the daemon's dissected form (any JSON shape)
 * @param timestamp the timestamp of an authenticated variable, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstanceNvramVariablePut(
        List<String> attributes,
        @Nullable Object data,
        @Nullable Instant timestamp) {

    /**
     * Normalises missing fields.
     *
     * @param attributes the variable's attributes, such as {@code NON_VOLATILE}, {@code
     *     BOOTSERVICE_ACCESS}
     * @param data the value in the daemon's dissected form (any JSON shape)
     * @param timestamp the timestamp of an authenticated variable, or {@code null}
     */
    public InstanceNvramVariablePut {
        attributes = Wire.list(attributes);
    }
}
