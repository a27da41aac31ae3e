package io.github.incus4j.client.model;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The body that makes a backup of an instance ({@code POST /1.0/instances/{name}/backups}).
 *
 * <pre>{@code
 * InstanceBackupsPost.named("nightly").withInstanceOnly(true).expiringAt(Instant.now().plus(Duration.ofDays(1)))
 * }</pre>
 *
 * @param name the backup name; empty lets the daemon pick one ({@code backup0}, ...)
 * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
 * @param instanceOnly {@code true} to leave the snapshots out
 * @param optimizedStorage {@code true} for the storage driver's own binary format, which only a pool
 *     of the same driver can import
 * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...); empty
 *     for the server's {@code backups.compression_algorithm}
 */
public record InstanceBackupsPost(
        String name,
        @Nullable Instant expiresAt,
        boolean instanceOnly,
        boolean optimizedStorage,
        String compressionAlgorithm) {

    /**
     * Normalises missing fields.
     *
     * @param name the backup name; empty lets the daemon pick one ({@code backup0}, ...)
     * @param expiresAt when the daemon deletes the backup by itself; {@code null} for never
     * @param instanceOnly {@code true} to leave the snapshots out
     * @param optimizedStorage {@code true} for the storage driver's own binary format, which only a
     *     pool of the same driver can import
     * @param compressionAlgorithm the compression ({@code gzip}, {@code zstd}, {@code none}, ...);
     *     empty for the server's {@code backups.compression_algorithm}
     */
    public InstanceBackupsPost {
        name = Wire.text(name);
        compressionAlgorithm = Wire.text(compressionAlgorithm);
    }

    /**
     * A backup with the given name, snapshots included, no expiry, the default format.
     *
     * @param name the backup name
     * @return the body
     */
    public static InstanceBackupsPost named(String name) {
        return new InstanceBackupsPost(name, null, false, false, "");
    }

    /**
     * Returns a copy that expires at the given time.
     *
     * @param time when the daemon deletes the backup
     * @return the changed copy
     */
    public InstanceBackupsPost expiringAt(@Nullable Instant time) {
        return new InstanceBackupsPost(name, time, instanceOnly, optimizedStorage, compressionAlgorithm);
    }

    /**
     * Returns a copy that leaves the snapshots out or keeps them.
     *
     * @param value {@code true} to back up the instance alone
     * @return the changed copy
     */
    public InstanceBackupsPost withInstanceOnly(boolean value) {
        return new InstanceBackupsPost(name, expiresAt, value, optimizedStorage, compressionAlgorithm);
    }

    /**
     * Returns a copy that uses the storage driver's own format or the plain tarball.
     *
     * @param value {@code true} for the optimized format
     * @return the changed copy
     */
    public InstanceBackupsPost withOptimizedStorage(boolean value) {
        return new InstanceBackupsPost(name, expiresAt, instanceOnly, value, compressionAlgorithm);
    }

    /**
     * Returns a copy with another compression algorithm.
     *
     * @param algorithm for example {@code gzip}, {@code zstd} or {@code none}
     * @return the changed copy
     */
    public InstanceBackupsPost withCompressionAlgorithm(String algorithm) {
        return new InstanceBackupsPost(name, expiresAt, instanceOnly, optimizedStorage, algorithm);
    }
}
