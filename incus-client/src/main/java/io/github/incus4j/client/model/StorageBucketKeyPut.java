package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The writable part of a storage bucket key ({@code PUT} of a key), also the body of a creation
 * together with the name.
 *
 * <pre>{@code
 * StorageBucketKeyPut.of(StorageBucketKeyPut.READ_ONLY).withDescription("for the backup job")
 * }</pre>
 *
 * <p>{@link #toString()} hides the secret key.
 *
 * @param description a free-form description
 * @param role {@value #ADMIN} or {@value #READ_ONLY}; empty for the daemon's default ({@code read-only})
 * @param accessKey the S3 access key; empty lets the daemon generate one
 * @param secretKey the S3 secret key; empty lets the daemon generate one
 * @param extra fields this client version does not know, written back unchanged
 */
public record StorageBucketKeyPut(
        String description,
        String role,
        @JsonProperty("access-key") String accessKey,
        @JsonProperty("secret-key") String secretKey,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /** The role that may read and write. */
    public static final String ADMIN = "admin";

    /** The role that may only read. */
    public static final String READ_ONLY = "read-only";

    /**
     * Normalises missing fields.
     *
     * @param description a free-form description
     * @param role {@value #ADMIN} or {@value #READ_ONLY}; empty for the daemon's default ({@code
     *     read-only})
     * @param accessKey the S3 access key; empty lets the daemon generate one
     * @param secretKey the S3 secret key; empty lets the daemon generate one
     * @param extra fields this client version does not know, written back unchanged
     */
    public StorageBucketKeyPut {
        description = Wire.text(description);
        role = Wire.text(role);
        accessKey = Wire.text(accessKey);
        secretKey = Wire.text(secretKey);
        extra = Wire.map(extra);
    }

    /**
     * A key of the given role whose access and secret keys the daemon generates.
     *
     * @param role {@value #ADMIN} or {@value #READ_ONLY}
     * @return the body
     */
    public static StorageBucketKeyPut of(String role) {
        return new StorageBucketKeyPut("", role, "", "", Map.of());
    }

    /**
     * Returns a copy with another description.
     *
     * @param newDescription the description
     * @return the changed copy
     */
    public StorageBucketKeyPut withDescription(String newDescription) {
        return new StorageBucketKeyPut(newDescription, role, accessKey, secretKey, extra);
    }

    /**
     * Returns a copy with another role.
     *
     * @param newRole {@value #ADMIN} or {@value #READ_ONLY}
     * @return the changed copy
     */
    public StorageBucketKeyPut withRole(String newRole) {
        return new StorageBucketKeyPut(description, newRole, accessKey, secretKey, extra);
    }

    /**
     * Returns a copy with given credentials instead of generated ones.
     *
     * @param newAccessKey the S3 access key
     * @param newSecretKey the S3 secret key
     * @return the changed copy
     */
    public StorageBucketKeyPut withCredentials(String newAccessKey, String newSecretKey) {
        return new StorageBucketKeyPut(description, role, newAccessKey, newSecretKey, extra);
    }

    @Override
    public String toString() {
        return "StorageBucketKeyPut[description=" + description + ", role=" + role + ", accessKey=" + accessKey
                + ", secretKey=" + (secretKey.isEmpty() ? "" : "(hidden)") + ", extra=" + extra + "]";
    }
}
