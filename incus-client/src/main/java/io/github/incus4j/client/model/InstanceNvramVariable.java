package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A UEFI variable of a virtual machine ({@code GET /1.0/instances/{name}/nvram/{guid}/{var}};
 * API extension {@code instance_nvram}).
 *
 * @param attributes the variable's attributes, such as {@code NON_VOLATILE} or {@code RUNTIME_ACCESS}
 * @param binary the raw value (base64 on the wire); empty when the daemon sent none
 * @param data the value as the daemon dissected it (any JSON shape), or {@code null}
 * @param timestamp the timestamp of an authenticated variable, or {@code null}
 * @param extra fields this client version does not know
 */
public record InstanceNvramVariable(
        List<String> attributes,
        byte[] binary,
        @Nullable Object data,
        @Nullable Instant timestamp,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param attributes the variable's attributes, such as {@code NON_VOLATILE} or {@code
     *     RUNTIME_ACCESS}
     * @param binary the raw value (base64 on the wire); empty when the daemon sent none
     * @param data the value as the daemon dissected it (any JSON shape), or {@code null}
     * @param timestamp the timestamp of an authenticated variable, or {@code null}
     * @param extra fields this client version does not know
     */
    public InstanceNvramVariable {
        attributes = Wire.list(attributes);
        binary = binary == null ? new byte[0] : binary.clone();
        extra = Wire.map(extra);
    }

    /**
     * Returns the raw value.
     *
     * @return a copy of the bytes
     */
    @Override
    public byte[] binary() {
        return binary.clone();
    }

    /**
     * Returns the writable part, to change and send back with a PUT.
     *
     * @return the attributes, data and timestamp
     */
    public InstanceNvramVariablePut toPut() {
        return new InstanceNvramVariablePut(attributes, data, timestamp);
    }
}
