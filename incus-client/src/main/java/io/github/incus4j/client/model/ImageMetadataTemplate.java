package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * One entry of the {@code templates} of {@link ImageMetadata}: which template file renders a file of
 * the instance, and when.
 *
 * @param when the events that render it: {@code create}, {@code copy}, {@code start}
 * @param createOnly {@code true} to render only if the file is missing
 * @param template the template file name, as stored with
 *     {@link io.github.incus4j.client.InstanceTemplatesApi#write}
 * @param properties key/value properties passed to the template
 * @param uid the owner uid of the rendered file, as text; empty for the default
 * @param gid the owner gid of the rendered file, as text; empty for the default
 * @param mode the permissions of the rendered file, as octal text; empty for the default
 * @param extra fields this client version does not know, sent back unchanged
 */
public record ImageMetadataTemplate(
        List<String> when,
        boolean createOnly,
        String template,
        Map<String, String> properties,
        String uid,
        String gid,
        String mode,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param when the events that render it: {@code create}, {@code copy}, {@code start}
     * @param createOnly {@code true} to render only if the file is missing
     * @param template the template file name, as stored with {@link
     *     io.github.incus4j.client.InstanceTemplatesApi#write}
     * @param properties key/value properties passed to the template
     * @param uid the owner uid of the rendered file, as text; empty for the default
     * @param gid the owner gid of the rendered file, as text; empty for the default
     * @param mode the permissions of the rendered file, as octal text; empty for the default
     * @param extra fields this client version does not know, sent back unchanged
     */
    public ImageMetadataTemplate {
        when = Wire.list(when);
        template = Wire.text(template);
        properties = Wire.map(properties);
        uid = Wire.text(uid);
        gid = Wire.text(gid);
        mode = Wire.text(mode);
        extra = Wire.map(extra);
    }

    /**
     * A template rendered on the given events, with no properties and default ownership.
     *
     * @param template the template file name
     * @param when the events: {@code create}, {@code copy}, {@code start}
     * @return the entry
     */
    public static ImageMetadataTemplate of(String template, String... when) {
        return new ImageMetadataTemplate(List.of(when), false, template, Map.of(), "", "", "", Map.of());
    }
}
