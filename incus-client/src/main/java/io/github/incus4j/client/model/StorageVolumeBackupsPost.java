package io.github.incus4j.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body that makes a backup of a custom storage volume
 * ({@code POST /1.0/storage-pools/{pool}/volumes/custom/{volume}/backups}).
 *
 * <pre>{@code
 * StorageVolumeBackupsPost.named("nightly").withVolumeOnly(true).withCompressionAlgorithm("zstd")
 * }</pre>
 *
 * <p>The upload of a backup straight to S3 ({@code target}, API extension {@code backup_s3_upload},
 * not in Incus 6.0) is not modelled: such a backup is made with {@link io.github.incus4j.client.IncusClient#http()}.
 *
 * @param name the backup name; empty lets the daemon pick one ({@code backup0}, ...)
 * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
 * @param volumeOnly {@code true} to leave the volume's snapshots out
 * @param optimizedStorage {@code true} for the storage driver's own binary format, which only a pool
 *     of the same driver can import
 * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...); empty
 *     for the server's {@code backups.compression_algorithm}
 */
public record StorageVolumeBackupsPost(
        String name,
        @Nullable Instant expiresAt,
        boolean volumeOnly,
        boolean optimizedStorage,
        String compressionAlgorithm) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name; empty lets the daemon pick one ({@code backup0}, ...)
     * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
     * @param volumeOnly {@code true} to leave the volume's snapshots out
     * @param optimizedStorage {@code true} for the storage driver's own binary format, which only a
     *     pool of the same driver can import
     * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...);
     *     empty for the server's {@code backups.compression_algorithm}
     */
    public StorageVolumeBackupsPost {
        name = Wire.text(name);
        compressionAlgorithm = Wire.text(compressionAlgorithm);
    }

    /**
     * A backup with the given name, snapshots included, no expiry, the default format.
     *
     * @param name the backup name; empty lets the daemon pick one
     * @return the body
     */
    public static StorageVolumeBackupsPost named(String name) {
        return new StorageVolumeBackupsPost(name, null, false, false, "");
    }

    /**
     * Returns a copy that expires at the given time.
     *
     * @param time when the daemon deletes the backup, or {@code null} for never
     * @return the changed copy
     */
    public StorageVolumeBackupsPost expiringAt(@Nullable Instant time) {
        return new StorageVolumeBackupsPost(name, time, volumeOnly, optimizedStorage, compressionAlgorithm);
    }

    /**
     * Returns a copy that leaves the snapshots out or keeps them.
     *
     * @param value {@code true} to back up the volume alone
     * @return the changed copy
     */
    public StorageVolumeBackupsPost withVolumeOnly(boolean value) {
        return new StorageVolumeBackupsPost(name, expiresAt, value, optimizedStorage, compressionAlgorithm);
    }

    /**
     * Returns a copy that uses the storage driver's own format or the plain tarball.
     *
     * @param value {@code true} for the optimized format
     * @return the changed copy
     */
    public StorageVolumeBackupsPost withOptimizedStorage(boolean value) {
        return new StorageVolumeBackupsPost(name, expiresAt, volumeOnly, value, compressionAlgorithm);
    }

    /**
     * Returns a copy with another compression algorithm.
     *
     * @param algorithm for example {@code gzip}, {@code zstd} or {@code none}
     * @return the changed copy
     */
    public StorageVolumeBackupsPost withCompressionAlgorithm(String algorithm) {
        return new StorageVolumeBackupsPost(name, expiresAt, volumeOnly, optimizedStorage, algorithm);
    }
}
