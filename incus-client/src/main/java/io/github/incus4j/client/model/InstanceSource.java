package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a new instance comes from (the {@code source} of {@code POST /1.0/instances}).
 *
 * <p>Use the factories: {@link #image(String)}, {@link #fingerprint(String)}, {@link #none()}.
 *
 * @param type {@code image}, {@code none}, {@code copy} or {@code migration}
 * @param alias the image alias, for {@code image}
 * @param fingerprint the image fingerprint, for {@code image}
 * @param server the image server URL, for a remote image
 * @param protocol the image server protocol ({@code incus}, {@code simplestreams})
 * @param extra further source fields (copy and migration sources, secrets, ...)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record InstanceSource(
        String type,
        @Nullable String alias,
        @Nullable String fingerprint,
        @Nullable String server,
        @Nullable String protocol,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param type {@code image}, {@code none}, {@code copy} or {@code migration}
     * @param alias the image alias, for {@code image}
     * @param fingerprint the image fingerprint, for {@code image}
     * @param server the image server URL, for a remote image
     * @param protocol the image server protocol ({@code incus}, {@code simplestreams})
     * @param extra further source fields (copy and migration sources, secrets, ...)
     */
    public InstanceSource {
        type = Wire.text(type);
        extra = Wire.map(extra);
    }

    /**
     * A local image named by its alias.
     *
     * @param alias the image alias, such as {@code busybox}
     * @return the source
     */
    public static InstanceSource image(String alias) {
        return new InstanceSource("image", alias, null, null, null, Map.of());
    }

    /**
     * A local image named by its fingerprint (or a unique prefix of it).
     *
     * @param fingerprint the image fingerprint
     * @return the source
     */
    public static InstanceSource fingerprint(String fingerprint) {
        return new InstanceSource("image", null, fingerprint, null, null, Map.of());
    }

    /**
     * No image: an empty instance, useful for tests and for instances filled by other means.
     *
     * @return the source
     */
    public static InstanceSource none() {
        return new InstanceSource("none", null, null, null, null, Map.of());
    }
}
