package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageVolumeBackup;
import io.github.incus4j.client.model.StorageVolumeBackupsPost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The backups of one custom volume:
 * {@code /1.0/storage-pools/{pool}/volumes/custom/{volume}/backups}, reached with
 * {@link StorageVolumesApi#backups(String)}, and their download. A backup tarball becomes a new
 * volume with {@link StorageVolumesApi#importBackup}.
 *
 * <pre>{@code
 * StorageVolumesApi volumes = incus.storagePools().volumes("default");
 * StorageVolumeBackupsApi backups = volumes.backups("data");
 * backups.create(StorageVolumeBackupsPost.named("nightly")).flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * backups.export("nightly", Path.of("data.tar.gz")).block();          // streamed, any size
 * volumes.importBackup(Path.of("data.tar.gz"), "data-restored").flatMap(op -> op.await(Duration.ofMinutes(10)))
 *         .block();
 * }</pre>
 *
 * <p>Only custom volumes have backups (the volumes of instances are backed up with their instance,
 * see {@link InstanceBackupsApi}). They need the API extension {@value #EXTENSION} (Incus 6.0 has
 * it); every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything.
 * Downloads stream: a backup of any size moves without being held in memory.
 */
public final class StorageVolumeBackupsApi {

    /** The API extension volume backups need. */
    public static final String EXTENSION = "custom_volume_backup";

    /** The API extension {@link #createDirect} needs. */
    public static final String DIRECT_EXTENSION = "direct_backup";

    private final Calls calls;
    private final BackupCollection<StorageVolumeBackup> backups;

    /**
     * Creates the API for one custom volume.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param volume the volume's template variables, checked ({@link StorageVolumesApi#scope})
     */
    StorageVolumeBackupsApi(Calls calls, Map<String, String> volume) {
        this.calls = calls;
        this.backups = new BackupCollection<>(calls, "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups",
                volume, StorageVolumeBackup.class, EXTENSION);
    }

    /**
     * Lists the backup names ({@code recursion=0}).
     *
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<List<String>> listNames() {
        return backups.names();
    }

    /**
     * Lists the backups ({@code recursion=1}).
     *
     * @return the backups
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups?recursion=1")
    public Mono<List<StorageVolumeBackup>> list() {
        return backups.list();
    }

    /**
     * Reads a backup.
     *
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<StorageVolumeBackup> get(String backup) {
        return backups.get(backup);
    }

    /**
     * Makes a backup, stored by the daemon until it expires or is deleted.
     *
     * @param backup name, expiry, snapshots or not, format and compression
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<OperationHandle> create(StorageVolumeBackupsPost backup) {
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
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<Long> createDirect(StorageVolumeBackupsPost backup, Path target) {
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
    @Endpoint(method = "POST",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<OperationHandle> rename(String backup, String newName) {
        return backups.rename(backup, newName);
    }

    /**
     * Deletes a backup.
     *
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<OperationHandle> delete(String backup) {
        return backups.delete(backup);
    }

    /**
     * Downloads a backup's tarball to a local file, streaming it: memory use does not grow with the
     * backup. An existing file is replaced once the daemon has answered; if the transfer then fails,
     * the partial file is deleted.
     *
     * @param backup the backup name
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}/export")
    public Mono<Long> export(String backup, Path target) {
        return backups.export(backup, target);
    }
}
