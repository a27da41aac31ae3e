package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.InstanceBackup;
import io.github.incus4j.client.model.InstanceBackupsPost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The backups of one instance: {@code /1.0/instances/{name}/backups}, reached with
 * {@link InstancesApi#backups(String)}. Making a new instance from a backup tarball is
 * {@link InstancesApi#importBackup(Path, BackupImport)}.
 *
 * <pre>{@code
 * InstanceBackupsApi backups = client.instances().backups("c1");
 * backups.create(InstanceBackupsPost.named("nightly")).flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * backups.export("nightly", Path.of("c1.tar.gz")).block();          // streamed, any size
 * client.instances().importBackup(Path.of("c1.tar.gz"), BackupImport.named("c1-restored"))
 *         .flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * }</pre>
 *
 * <p>A backup is stored by the daemon until it expires or is deleted; {@link #export} downloads it,
 * streaming: a backup of any size moves without being held in memory. The daemon sends no ETag
 * for backups, so there is no {@code getWithEtag}.
 */
public final class InstanceBackupsApi {

    private final BackupCollection<InstanceBackup> backups;

    /**
     * Creates the API of one instance's backups.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceBackupsApi(Calls calls, String instance) {
        this.backups = new BackupCollection<>(calls, "/1.0/instances/{name}/backups", Map.of("name", instance),
                InstanceBackup.class);
    }

    /**
     * Lists the names of the backups ({@code recursion=0}).
     *
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups")
    public Mono<List<String>> listNames() {
        return backups.names();
    }

    /**
     * Lists the backups ({@code recursion=1}).
     *
     * @return the backups
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups?recursion=1")
    public Mono<List<InstanceBackup>> list() {
        return backups.list();
    }

    /**
     * Reads a backup.
     *
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups/{backup}")
    public Mono<InstanceBackup> get(String backup) {
        return backups.get(backup);
    }

    /**
     * Makes a backup, stored by the daemon.
     *
     * @param backup name, expiry, snapshots or not, format and compression; an empty name lets the
     *     daemon choose one ({@code backup0}, {@code backup1}, ...)
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/backups")
    public Mono<OperationHandle> create(InstanceBackupsPost backup) {
        Names.required("backup", backup);
        return backups.create(backup.name(), backup);
    }

    /**
     * Renames a backup.
     *
     * @param backup the current backup name
     * @param newName the new backup name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/backups/{backup}")
    public Mono<OperationHandle> rename(String backup, String newName) {
        return backups.rename(backup, newName);
    }

    /**
     * Deletes a backup.
     *
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/backups/{backup}")
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
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups/{backup}/export")
    public Mono<Long> export(String backup, Path target) {
        return backups.export(backup, target);
    }
}
