package io.github.incus4j.client;

import io.github.incus4j.client.model.StorageBucketBackup;
import io.github.incus4j.client.model.StorageBucketBackupsPost;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Backups of the buckets of one storage pool:
 * {@code /1.0/storage-pools/{pool}/buckets/{bucket}/backups}, and their download. A backup is
 * made into a new bucket with {@link StorageBucketsApi#importBucket}.
 *
 * <p>They need the API extension {@value #EXTENSION}; when the client was given the server's
 * extensions, every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything. Downloads
 * stream: a backup of any size moves without being held in memory.
 */
public final class StorageBucketBackupsApi {

    /** The API extension bucket backups need. */
    public static final String EXTENSION = "storage_bucket_backup";

    /** The API extension {@link #createDirect} needs. */
    public static final String DIRECT_EXTENSION = "direct_backup";

    private static final String COLLECTION = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups";

    private final Calls calls;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageBucketBackupsApi(Calls calls, String pool) {
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Lists the names of a bucket's backups ({@code recursion=0}).
     *
     * @param bucket the bucket name
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<List<String>> listNames(String bucket) {
        return calls.requiring(EXTENSION, of(bucket).names());
    }

    /**
     * Lists a bucket's backups ({@code recursion=1}).
     *
     * @param bucket the bucket name
     * @return the backups
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups?recursion=1")
    public Mono<List<StorageBucketBackup>> list(String bucket) {
        return calls.requiring(EXTENSION, of(bucket).list());
    }

    /**
     * Reads a backup.
     *
     * @param bucket the bucket name
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<StorageBucketBackup> get(String bucket, String backup) {
        return calls.requiring(EXTENSION, of(bucket).get(backup));
    }

    /**
     * Makes a backup of a bucket's objects, stored by the daemon.
     *
     * @param bucket the bucket name
     * @param backup name, expiry and compression
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<OperationHandle> create(String bucket, StorageBucketBackupsPost backup) {
        Names.required("backup", backup);
        return calls.requiring(EXTENSION, of(bucket).create(backup.name(), backup));
    }

    /**
     * Makes a backup that the daemon streams straight into a local file instead of storing it: no
     * copy is kept on the server and no disk space is needed there (API extension
     * {@value #DIRECT_EXTENSION}, not in Incus 6.0). An existing file is replaced once the daemon
     * has answered; if the transfer then fails, the partial file is deleted.
     *
     * @param bucket the bucket name
     * @param backup the format and compression; the name and expiry do not matter
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<Long> createDirect(String bucket, StorageBucketBackupsPost backup, Path target) {
        Names.required("backup", backup);
        return calls.requiring(DIRECT_EXTENSION, of(bucket).createDirect(backup.name(), backup, target));
    }

    /**
     * Renames a backup.
     *
     * @param bucket the bucket name
     * @param backup the current backup name
     * @param newName the new backup name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<OperationHandle> rename(String bucket, String backup, String newName) {
        return calls.requiring(EXTENSION, of(bucket).rename(backup, newName));
    }

    /**
     * Deletes a backup.
     *
     * @param bucket the bucket name
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<OperationHandle> delete(String bucket, String backup) {
        return calls.requiring(EXTENSION, of(bucket).delete(backup));
    }

    /**
     * Downloads a backup's tarball to a local file, streaming it. An existing file is replaced once
     * the daemon has answered; if the transfer then fails, the partial file is deleted.
     *
     * @param bucket the bucket name
     * @param backup the backup name
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}/export")
    public Mono<Long> export(String bucket, String backup, Path target) {
        return calls.requiring(EXTENSION, of(bucket).export(backup, target));
    }

    private BackupCollection<StorageBucketBackup> of(String bucket) {
        return new BackupCollection<>(calls, COLLECTION, Map.of("poolName", pool,
                "bucketName", Names.segment("bucket", bucket)), StorageBucketBackup.class);
    }
}
