package io.github.incus4j.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body that makes a backup of a storage bucket
 * ({@code POST /1.0/storage-pools/{pool}/buckets/{bucket}/backups}).
 *
 * @param name the backup name; empty lets the daemon pick one
 * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
 * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...); empty
 *     for the server's {@code backups.compression_algorithm}
 */
public record StorageBucketBackupsPost(String name, @Nullable Instant expiresAt, String compressionAlgorithm) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name; empty lets the daemon pick one
     * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
     * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...);
     *     empty for the server's {@code backups.compression_algorithm}
     */
    public StorageBucketBackupsPost {
        name = Wire.text(name);
        compressionAlgorithm = Wire.text(compressionAlgorithm);
    }

    /**
     * A backup with the given name, no expiry, the default compression.
     *
     * @param name the backup name; empty lets the daemon pick one
     * @return the body
     */
    public static StorageBucketBackupsPost named(String name) {
        return new StorageBucketBackupsPost(name, null, "");
    }

    /**
     * Returns a copy that expires at the given time.
     *
     * @param time when the daemon deletes the backup, or {@code null} for never
     * @return the changed copy
     */
    public StorageBucketBackupsPost expiringAt(@Nullable Instant time) {
        return new StorageBucketBackupsPost(name, time, compressionAlgorithm);
    }

    /**
     * Returns a copy with another compression algorithm.
     *
     * @param algorithm for example {@code gzip}, {@code zstd} or {@code none}
     * @return the changed copy
     */
    public StorageBucketBackupsPost withCompressionAlgorithm(String algorithm) {
        return new StorageBucketBackupsPost(name, expiresAt, algorithm);
    }
}
