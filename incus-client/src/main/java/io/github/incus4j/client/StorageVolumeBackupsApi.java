package io.github.incus4j.client;

import io.github.incus4j.client.model.StorageVolumeBackup;
import io.github.incus4j.client.model.StorageVolumeBackupsPost;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Backups of the custom volumes of one storage pool:
 * {@code /1.0/storage-pools/{pool}/volumes/custom/{volume}/backups}, their download, and making a
 * volume from a backup tarball (or from an ISO file).
 *
 * <pre>{@code
 * StorageVolumeBackupsApi backups = client.storageVolumeBackups("default");
 * backups.create("data", StorageVolumeBackupsPost.named("nightly")).flatMap(op -> op.await(Duration.ofMinutes(10)))
 *         .block();
 * backups.export("data", "nightly", Path.of("data.tar.gz")).block();          // streamed, any size
 * backups.importVolume(Path.of("data.tar.gz"), "data-restored").flatMap(op -> op.await(Duration.ofMinutes(10)))
 *         .block();
 * }</pre>
 *
 * <p>Only custom volumes have backups (the volumes of instances are backed up with their instance,
 * see {@link InstanceBackupsApi}). They need the API extension {@value #EXTENSION} (Incus 6.0 has
 * it); when a client was given the server's extensions, every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything. Downloads
 * and uploads stream: a backup of any size moves without being held in memory.
 */
public final class StorageVolumeBackupsApi {

    /** The API extension volume backups need. */
    public static final String EXTENSION = "custom_volume_backup";

    /** The API extension {@link #createDirect} needs. */
    public static final String DIRECT_EXTENSION = "direct_backup";

    /** The API extension an import under another name needs. */
    public static final String IMPORT_NAME_EXTENSION = "backup_override_name";

    /** The API extension an ISO import needs. */
    public static final String ISO_EXTENSION = "custom_volume_iso";

    private static final String VOLUMES = "/1.0/storage-pools/{poolName}/volumes/{type}";
    private static final String COLLECTION = VOLUMES + "/{volumeName}/backups";

    private final Calls calls;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumeBackupsApi(Calls calls, String pool) {
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Lists the names of a custom volume's backups ({@code recursion=0}).
     *
     * @param volume the custom volume's name
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<List<String>> listNames(String volume) {
        return calls.requiring(EXTENSION, of(volume).names());
    }

    /**
     * Lists a custom volume's backups ({@code recursion=1}).
     *
     * @param volume the custom volume's name
     * @return the backups
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups?recursion=1")
    public Mono<List<StorageVolumeBackup>> list(String volume) {
        return calls.requiring(EXTENSION, of(volume).list());
    }

    /**
     * Reads a backup.
     *
     * @param volume the custom volume's name
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<StorageVolumeBackup> get(String volume, String backup) {
        return calls.requiring(EXTENSION, of(volume).get(backup));
    }

    /**
     * Makes a backup, stored by the daemon until it expires or is deleted.
     *
     * @param volume the custom volume's name
     * @param backup name, expiry, snapshots or not, format and compression
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<OperationHandle> create(String volume, StorageVolumeBackupsPost backup) {
        Names.required("backup", backup);
        return calls.requiring(EXTENSION, of(volume).create(backup.name(), backup));
    }

    /**
     * Makes a backup that the daemon streams straight into a local file instead of storing it: no
     * copy is kept on the server and no disk space is needed there (API extension
     * {@value #DIRECT_EXTENSION}, not in Incus 6.0). An existing file is replaced once the daemon
     * has answered; if the transfer then fails, the partial file is deleted.
     *
     * @param volume the custom volume's name
     * @param backup the format and compression; the name and expiry do not matter
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups")
    public Mono<Long> createDirect(String volume, StorageVolumeBackupsPost backup, Path target) {
        Names.required("backup", backup);
        return calls.requiring(DIRECT_EXTENSION, of(volume).createDirect(backup.name(), backup, target));
    }

    /**
     * Renames a backup.
     *
     * @param volume the custom volume's name
     * @param backup the current backup name
     * @param newName the new backup name
     * @return the rename's operation
     */
    @Endpoint(method = "POST",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<OperationHandle> rename(String volume, String backup, String newName) {
        return calls.requiring(EXTENSION, of(volume).rename(backup, newName));
    }

    /**
     * Deletes a backup.
     *
     * @param volume the custom volume's name
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}")
    public Mono<OperationHandle> delete(String volume, String backup) {
        return calls.requiring(EXTENSION, of(volume).delete(backup));
    }

    /**
     * Downloads a backup's tarball to a local file, streaming it: memory use does not grow with the
     * backup. An existing file is replaced once the daemon has answered; if the transfer then fails,
     * the partial file is deleted.
     *
     * @param volume the custom volume's name
     * @param backup the backup name
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/backups/{backupName}/export")
    public Mono<Long> export(String volume, String backup, Path target) {
        return calls.requiring(EXTENSION, of(volume).export(backup, target));
    }

    /**
     * Makes a new custom volume in this pool from a backup tarball (the raw file as
     * {@code application/octet-stream}), streaming the file.
     *
     * @param tarball a backup as written by {@link #export} or {@code incus storage volume export}
     * @param name the new volume's name; empty keeps the name recorded in the backup (another name
     *     needs the API extension {@value #IMPORT_NAME_EXTENSION})
     * @return the import's operation; a name in use fails it with the daemon's text
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> importVolume(Path tarball, String name) {
        Downloads.requireFile("tarball", tarball);
        Names.required("name", name);
        IncusRequest.Builder request = upload(tarball);
        if (!name.isEmpty()) {
            request.header("X-Incus-name", Names.segment("name", name));
        }
        Mono<OperationHandle> call = send(request, tarball);
        return calls.requiring(EXTENSION, name.isEmpty() ? call : calls.requiring(IMPORT_NAME_EXTENSION, call));
    }

    /**
     * Makes a new custom volume of content type {@code iso} in this pool from an ISO image
     * (API extension {@value #ISO_EXTENSION}), streaming the file. Such a volume is attached to
     * virtual machines as a CD-ROM.
     *
     * @param iso the ISO image
     * @param name the new volume's name
     * @return the import's operation
     * @throws IllegalArgumentException if the file is not a readable regular file or the name is blank
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> importIso(Path iso, String name) {
        Downloads.requireFile("iso", iso);
        IncusRequest.Builder request = upload(iso).header("X-Incus-name", Names.segment("name", name))
                .header("X-Incus-type", "iso");
        return calls.requiring(ISO_EXTENSION, send(request, iso));
    }

    private IncusRequest.Builder upload(Path file) {
        return IncusRequest.of(HttpMethod.POST, VOLUMES).path("poolName", "pool", pool)
                .path("type", "type", StorageVolumesApi.CUSTOM).body(Downloads.upload(file));
    }

    private Mono<OperationHandle> send(IncusRequest.Builder request, Path file) {
        return Mono.fromCallable(() -> Downloads.size(file)).flatMap(size -> calls.async(
                request.copy().header(HttpHeaders.CONTENT_LENGTH, Long.toString(size)).build()));
    }

    private BackupCollection<StorageVolumeBackup> of(String volume) {
        return new BackupCollection<>(calls, COLLECTION, Map.of("poolName", pool, "type", StorageVolumesApi.CUSTOM,
                "volumeName", Names.segment("volume", volume)), StorageVolumeBackup.class);
    }
}
