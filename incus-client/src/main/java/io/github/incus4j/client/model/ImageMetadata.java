package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An image's {@code metadata.yaml} as an instance carries it ({@code GET /1.0/instances/{name}/metadata});
 * also the body that replaces it. Read it, change it with the {@code with...} methods and send it
 * back, so that fields this client does not know are kept.
 *
 * @param architecture the architecture name
 * @param creationDate when the image was made, in seconds since the epoch
 * @param expiryDate when the image expires, in seconds since the epoch; 0 for never
 * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
 * @param templates the templates applied to files of the instance, by the path of the file they write
 * @param extra fields this client version does not know, sent back unchanged
 */
public record ImageMetadata(
        String architecture,
        long creationDate,
        long expiryDate,
        Map<String, String> properties,
        Map<String, ImageMetadataTemplate> templates,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param architecture the architecture name
     * @param creationDate when the image was made, in seconds since the epoch
     * @param expiryDate when the image expires, in seconds since the epoch; 0 for never
     * @param properties descriptive properties ({@code os}, {@code release}, {@code description}, ...)
     * @param templates the templates applied to files of the instance, by the path of the file they
     *     write
     * @param extra fields this client version does not know, sent back unchanged
     */
    public ImageMetadata {
        architecture = Wire.text(architecture);
        properties = Wire.map(properties);
        templates = Wire.map(templates);
        extra = Wire.map(extra);
    }

    /**
     * Returns a copy with one property set.
     *
     * @param key the property name
     * @param value its value
     * @return the changed copy
     */
    public ImageMetadata withProperty(String key, String value) {
        Map<String, String> changed = new LinkedHashMap<>(properties);
        changed.put(key, value);
        return new ImageMetadata(architecture, creationDate, expiryDate, changed, templates, extra);
    }

    /**
     * Returns a copy with one template set for a file path.
     *
     * @param path the absolute path of the file the template writes in the instance
     * @param template what to write and when; {@code null} removes the template
     * @return the changed copy
     */
    public ImageMetadata withTemplate(String path, @Nullable ImageMetadataTemplate template) {
        Map<String, ImageMetadataTemplate> changed = new LinkedHashMap<>(templates);
        if (template == null) {
            changed.remove(path);
        } else {
            changed.put(path, template);
        }
        return new ImageMetadata(architecture, creationDate, expiryDate, properties, changed, extra);
    }
}
