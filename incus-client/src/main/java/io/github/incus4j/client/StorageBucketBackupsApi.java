package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageBucketBackup;
import io.github.incus4j.client.model.StorageBucketBackupsPost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The backups of one S3 bucket: {@code /1.0/storage-pools/{pool}/buckets/{bucket}/backups},
 * reached with {@link StorageBucketsApi#backups(String)}, and their download. A backup tarball
 * becomes a new bucket with {@link StorageBucketsApi#importBackup}.
 *
 * <p>They need the API extension {@value #EXTENSION}: every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything.
 * Downloads stream: a backup of any size moves without being held in memory.
 */
public final class StorageBucketBackupsApi {

    /** The API extension bucket backups need. */
    public static final String EXTENSION = "storage_bucket_backup";

    /** The API extension {@link #createDirect} needs. */
    public static final String DIRECT_EXTENSION = "direct_backup";

    private final Calls calls;
    private final BackupCollection<StorageBucketBackup> backups;

    /**
     * Creates the API for one bucket.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param bucket the bucket's template variables ({@code poolName}, {@code bucketName}), checked
     */
    StorageBucketBackupsApi(Calls calls, Map<String, String> bucket) {
        this.calls = calls;
        this.backups = new BackupCollection<>(calls, "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups",
                bucket, StorageBucketBackup.class, EXTENSION);
    }

    /**
     * Lists the backup names ({@code recursion=0}).
     *
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<List<String>> listNames() {
        return backups.names();
    }

    /**
     * Lists the backups ({@code recursion=1}).
     *
     * @return the backups
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups?recursion=1")
    public Mono<List<StorageBucketBackup>> list() {
        return backups.list();
    }

    /**
     * Reads a backup.
     *
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<StorageBucketBackup> get(String backup) {
        return backups.get(backup);
    }

    /**
     * Makes a backup of the bucket's objects, stored by the daemon.
     *
     * @param backup name, expiry and compression
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<OperationHandle> create(StorageBucketBackupsPost backup) {
        Names.required("backup", backup);
        return backups.create(backup.name(), backup);
    }

    /**
     * Makes a backup that the daemon streams straight into a local file instead of storing it: no
     * copy is kept on the server and no disk space is needed there (API extension
     * {@value #DIRECT_EXTENSION}, not in Incus 6.0). An existing file is replaced once the daemon
     * has answered; if the transfer then fails, the partial file is deleted.
     *
     * @param backup the format and compression; the name and expiry do not matter
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups")
    public Mono<Long> createDirect(StorageBucketBackupsPost backup, Path target) {
        Names.required("backup", backup);
        return calls.requiring(DIRECT_EXTENSION, backups.createDirect(backup.name(), backup, target));
    }

    /**
     * Renames a backup.
     *
     * @param backup the current backup name
     * @param newName the new backup name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<OperationHandle> rename(String backup, String newName) {
        return backups.rename(backup, newName);
    }

    /**
     * Deletes a backup.
     *
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}")
    public Mono<OperationHandle> delete(String backup) {
        return backups.delete(backup);
    }

    /**
     * Downloads a backup's tarball to a local file, streaming it. An existing file is replaced once
     * the daemon has answered; if the transfer then fails, the partial file is deleted.
     *
     * @param backup the backup name
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/backups/{backupName}/export")
    public Mono<Long> export(String backup, Path target) {
        return backups.export(backup, target);
    }
}
