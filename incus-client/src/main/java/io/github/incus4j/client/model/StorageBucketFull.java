package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A storage bucket with its keys and backups, as one request returns it (API extension
 * {@code storage_bucket_full}: {@code ?recursion=1} on a bucket, {@code ?recursion=2} on the list).
 *
 * @param name the bucket name
 * @param description a free-form description
 * @param config the configuration keys
 * @param location the cluster member ({@code none} on a standalone server)
 * @param project the project it belongs to
 * @param s3Url the URL an S3 client reaches it at
 * @param keys its access keys
 * @param backups its backups
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageBucketFull(
        String name,
        String description,
        Map<String, String> config,
        String location,
        String project,
        String s3Url,
        List<StorageBucketKey> keys,
        List<StorageBucketBackup> backups,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the bucket name
     * @param description a free-form description
     * @param config the configuration keys
     * @param location the cluster member ({@code none} on a standalone server)
     * @param project the project it belongs to
     * @param s3Url the URL an S3 client reaches it at
     * @param keys its access keys
     * @param backups its backups
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StorageBucketFull {
        name = Wire.text(name);
        description = Wire.text(description);
        config = Wire.map(config);
        location = Wire.text(location);
        project = Wire.text(project);
        s3Url = Wire.text(s3Url);
        keys = Wire.list(keys);
        backups = Wire.list(backups);
        extra = Wire.map(extra);
    }

    /**
     * Returns the bucket without its keys and backups.
     *
     * @return the bucket
     */
    public StorageBucket bucket() {
        return new StorageBucket(name, description, config, location, project, s3Url, extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}.
     *
     * @return the writable part
     */
    public StorageBucketPut toPut() {
        return new StorageBucketPut(description, config, extra);
    }
}
