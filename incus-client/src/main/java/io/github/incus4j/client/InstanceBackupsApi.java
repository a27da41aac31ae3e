package io.github.incus4j.client;

import io.github.incus4j.client.model.InstanceBackup;
import io.github.incus4j.client.model.InstanceBackupsPost;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Backups of instances: {@code /1.0/instances/{name}/backups}, and making an instance from a
 * backup tarball.
 *
 * <pre>{@code
 * InstanceBackupsApi backups = client.instanceBackups();
 * backups.create("c1", InstanceBackupsPost.named("nightly")).flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * backups.export("c1", "nightly", Path.of("c1.tar.gz")).block();          // streamed, any size
 * backups.importInstance(Path.of("c1.tar.gz"), BackupImport.named("c1-restored"))
 *         .flatMap(op -> op.await(Duration.ofMinutes(10))).block();
 * }</pre>
 *
 * <p>A backup is stored by the daemon until it expires or is deleted; {@link #export} downloads it.
 * Downloads and uploads stream: a backup of any size moves without being held in memory.
 */
public final class InstanceBackupsApi {

    private static final String COLLECTION = "/1.0/instances/{name}/backups";
    private static final String ONE = COLLECTION + "/{backup}";
    private static final JavaType BACKUPS = Calls.listOf(InstanceBackup.class);

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstanceBackupsApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the names of an instance's backups ({@code recursion=0}).
     *
     * @param instance the instance name
     * @return the backup names
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups")
    public Mono<List<String>> listNames(String instance) {
        return calls.names(collection(HttpMethod.GET, instance).build());
    }

    /**
     * Lists an instance's backups ({@code recursion=1}).
     *
     * @param instance the instance name
     * @return the backups
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups?recursion=1")
    public Mono<List<InstanceBackup>> list(String instance) {
        return calls.list(collection(HttpMethod.GET, instance).query("recursion", "1").build(), BACKUPS);
    }

    /**
     * Reads a backup.
     *
     * @param instance the instance name
     * @param backup the backup name
     * @return the backup; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups/{backup}")
    public Mono<InstanceBackup> get(String instance, String backup) {
        return calls.tagged(one(HttpMethod.GET, "", instance, backup).build(), InstanceBackup.class)
                .map(ETagged::value);
    }

    /**
     * Makes a backup, stored by the daemon.
     *
     * @param instance the instance name
     * @param backup name, expiry, snapshots or not, format and compression
     * @return the backup's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/backups")
    public Mono<OperationHandle> create(String instance, InstanceBackupsPost backup) {
        Names.required("backup", backup);
        if (!backup.name().isEmpty()) {
            Names.segment("backup.name", backup.name());
        }
        return calls.async(collection(HttpMethod.POST, instance).json(backup).build());
    }

    /**
     * Renames a backup.
     *
     * @param instance the instance name
     * @param backup the current backup name
     * @param newName the new backup name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/backups/{backup}")
    public Mono<OperationHandle> rename(String instance, String backup, String newName) {
        Names.segment("newName", newName);
        return calls.async(one(HttpMethod.POST, "", instance, backup).json(Map.of("name", newName)).build());
    }

    /**
     * Deletes a backup.
     *
     * @param instance the instance name
     * @param backup the backup name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/backups/{backup}")
    public Mono<OperationHandle> delete(String instance, String backup) {
        return calls.async(one(HttpMethod.DELETE, "", instance, backup).build());
    }

    /**
     * Downloads a backup's tarball to a local file, streaming it: memory use does not grow with the
     * backup. An existing file is replaced once the daemon has answered; if the transfer then fails,
     * the partial file is deleted.
     *
     * @param instance the instance name
     * @param backup the backup name
     * @param target the local file to write
     * @return the number of bytes written
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/backups/{backup}/export")
    public Mono<Long> export(String instance, String backup, Path target) {
        Names.required("target", target);
        return Downloads.toFile(calls.http(), one(HttpMethod.GET, "/export", instance, backup).build(), target);
    }

    /**
     * Makes a new instance from a backup tarball ({@code POST /1.0/instances} with the raw file as
     * {@code application/octet-stream}), streaming the file. The instance is created stopped.
     *
     * @param tarball a backup as written by {@link #export} or {@code incus export}
     * @param options the new name and storage pool, or {@link BackupImport#DEFAULTS}
     * @return the import's operation; a name in use fails it with the daemon's text
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/instances")
    public Mono<OperationHandle> importInstance(Path tarball, BackupImport options) {
        Downloads.requireFile("tarball", tarball);
        Names.required("options", options);
        IncusRequest.Builder request = IncusRequest.of(HttpMethod.POST, "/1.0/instances")
                .body(Downloads.upload(tarball));
        if (!options.name().isEmpty()) {
            request.header("X-Incus-name", Names.segment("options.name", options.name()));
        }
        if (!options.pool().isEmpty()) {
            request.header("X-Incus-pool", Names.segment("options.pool", options.pool()));
        }
        return Mono.fromCallable(() -> Downloads.size(tarball))
                .flatMap(size -> calls.async(request.copy().header(HttpHeaders.CONTENT_LENGTH, Long.toString(size)).build()));
    }

    private static IncusRequest.Builder collection(HttpMethod method, String instance) {
        return IncusRequest.of(method, COLLECTION).path("name", "instance", instance);
    }

    private static IncusRequest.Builder one(HttpMethod method, String suffix, String instance, String backup) {
        return IncusRequest.of(method, ONE + suffix).path("name", "instance", instance).path("backup", "backup", backup);
    }
}
