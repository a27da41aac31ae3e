package io.github.incus4j.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options for uploading an image file.
 *
 * @param aliases aliases to create for the new image
 * @param properties image properties ({@code os}, {@code release}, {@code description}, ...)
 * @param isPublic whether untrusted clients may use the image
 * @param filename the original file name the daemon records
 */
public record ImageUpload(List<String> aliases, Map<String, String> properties, boolean isPublic, String filename) {

    /** No aliases, no properties, private, no file name. */
    public static final ImageUpload DEFAULTS = new ImageUpload(List.of(), Map.of(), false, "");

    /**
     * Copies the collections.
     *
     * @param aliases aliases to create for the new image
     * @param properties image properties ({@code os}, {@code release}, {@code description}, ...)
     * @param isPublic whether untrusted clients may use the image
     * @param filename the original file name the daemon records
     */
    public ImageUpload {
        aliases = List.copyOf(Objects.requireNonNull(aliases, "aliases"));
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties"));
        filename = filename == null ? "" : filename;
    }

    /**
     * Options that create one alias.
     *
     * @param alias the alias name
     * @return the options
     */
    public static ImageUpload withAlias(String alias) {
        return DEFAULTS.alias(alias);
    }

    /**
     * Returns a copy with one more alias.
     *
     * @param alias the alias name
     * @return the changed copy
     */
    public ImageUpload alias(String alias) {
        List<String> more = new java.util.ArrayList<>(aliases);
        more.add(alias);
        return new ImageUpload(more, properties, isPublic, filename);
    }

    /**
     * Returns a copy with one more property.
     *
     * @param key the property name
     * @param value its value
     * @return the changed copy
     */
    public ImageUpload property(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(key, value);
        return new ImageUpload(aliases, more, isPublic, filename);
    }

    /**
     * Returns a copy that makes the image public or private.
     *
     * @param value whether the image is public
     * @return the changed copy
     */
    public ImageUpload publicImage(boolean value) {
        return new ImageUpload(aliases, properties, value, filename);
    }
}
