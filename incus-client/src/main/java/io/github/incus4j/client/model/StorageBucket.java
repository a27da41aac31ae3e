package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;

/**
 * An S3 storage bucket of a storage pool ({@code GET /1.0/storage-pools/{pool}/buckets/{name}}).
 *
 * @param name the bucket name
 * @param description a free-form description
 * @param config the configuration keys (such as {@code size})
 * @param location the cluster member ({@code none} on a standalone server)
 * @param project the project it belongs to
 * @param s3Url the URL an S3 client reaches it at
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageBucket(
        String name,
        String description,
        Map<String, String> config,
        String location,
        String project,
        String s3Url,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the bucket name
     * @param description a free-form description
     * @param config the configuration keys (such as {@code size})
     * @param location the cluster member ({@code none} on a standalone server)
     * @param project the project it belongs to
     * @param s3Url the URL an S3 client reaches it at
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StorageBucket {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        location = Wire.text(location);
        project = Wire.text(project);
        s3Url = Wire.text(s3Url);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public StorageBucketPut toPut() {
        return new StorageBucketPut(description, config, extra);
    }
}
