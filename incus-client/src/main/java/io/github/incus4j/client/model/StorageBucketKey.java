package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * An access key of a storage bucket
 * ({@code GET /1.0/storage-pools/{pool}/buckets/{bucket}/keys/{name}}), also what the daemon answers
 * when it creates a bucket (its admin key) or a key.
 *
 * <p>{@link #toString()} hides the secret key, so that logging a key does not leak it.
 *
 * @param name the key name
 * @param description a free-form description
 * @param role {@code admin} (read and write) or {@code read-only}
 * @param accessKey the S3 access key (JSON {@code access-key})
 * @param secretKey the S3 secret key (JSON {@code secret-key})
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record StorageBucketKey(
        String name,
        String description,
        String role,
        @JsonProperty("access-key") String accessKey,
        @JsonProperty("secret-key") String secretKey,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the key name
     * @param description a free-form description
     * @param role {@code admin} (read and write) or {@code read-only}
     * @param accessKey the S3 access key (JSON {@code access-key})
     * @param secretKey the S3 secret key (JSON {@code secret-key})
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public StorageBucketKey {
        name = Wire.text(name);
        description = Wire.text(description);
        role = Wire.text(role);
        accessKey = Wire.text(accessKey);
        secretKey = Wire.text(secretKey);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public StorageBucketKeyPut toPut() {
        return new StorageBucketKeyPut(description, role, accessKey, secretKey, extra);
    }

    @Override
    public String toString() {
        return "StorageBucketKey[name=" + name + ", description=" + description + ", role=" + role + ", accessKey="
                + accessKey + ", secretKey=" + (secretKey.isEmpty() ? "" : "(hidden)") + ", extra=" + extra + "]";
    }
}
