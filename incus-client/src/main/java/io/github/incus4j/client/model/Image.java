package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An image in the server's image store ({@code GET /1.0/images/{fingerprint}}).
 *
 * @param fingerprint the SHA-256 fingerprint, which identifies the image
 * @param aliases the aliases pointing to it
 * @param architecture its architecture
 * @param type {@code container} or {@code virtual-machine}
 * @param filename the original file name
 * @param size its size in bytes
 * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
 * @param isPublic whether untrusted clients may use it (JSON {@code public})
 * @param autoUpdate whether it is refreshed from its source
 * @param cached whether it was cached from a remote source
 * @param profiles the profiles applied to instances made from it
 * @param createdAt when it was built
 * @param uploadedAt when it was added to this server
 * @param expiresAt when it expires
 * @param lastUsedAt when an instance was last made from it
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Image(
        String fingerprint,
        List<Alias> aliases,
        String architecture,
        String type,
        String filename,
        long size,
        Map<String, String> properties,
        @JsonProperty("public") boolean isPublic,
        boolean autoUpdate,
        boolean cached,
        List<String> profiles,
        @Nullable Instant createdAt,
        @Nullable Instant uploadedAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param fingerprint the SHA-256 fingerprint, which identifies the image
     * @param aliases the aliases pointing to it
     * @param architecture its architecture
     * @param type {@code container} or {@code virtual-machine}
     * @param filename the original file name
     * @param size its size in bytes
     * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
     * @param isPublic whether untrusted clients may use it (JSON {@code public})
     * @param autoUpdate whether it is refreshed from its source
     * @param cached whether it was cached from a remote source
     * @param profiles the profiles applied to instances made from it
     * @param createdAt when it was built
     * @param uploadedAt when it was added to this server
     * @param expiresAt when it expires
     * @param lastUsedAt when an instance was last made from it
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Image {
        fingerprint = Wire.text(fingerprint);
        aliases = Wire.list(aliases);
        architecture = Wire.text(architecture);
        type = Wire.text(type);
        filename = Wire.text(filename);
        properties = Wire.map(properties);
        profiles = Wire.list(profiles);
        project = Wire.text(project);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part of this image, for {@code PUT /1.0/images/{fingerprint}}.
     *
     * @return the image's settings as an {@link ImagePut}
     */
    public ImagePut toPut() {
        return new ImagePut(autoUpdate, properties, isPublic, expiresAt, profiles, Map.of());
    }

    /**
     * An alias as listed on an image.
     *
     * @param name the alias name
     * @param description its description
     */
    public record Alias(String name, String description) {

        /**
         * Normalises missing fields.
         *
         * @param name the alias name
         * @param description its description
         */
        public Alias {
            name = Wire.text(name);
            description = Wire.text(description);
        }
    }
}
