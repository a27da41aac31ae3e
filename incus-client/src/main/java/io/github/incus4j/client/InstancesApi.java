package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.AccessEntry;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceDebugRepairPost;
import io.github.incus4j.client.model.InstanceFull;
import io.github.incus4j.client.model.InstancePost;
import io.github.incus4j.client.model.InstancePut;
import io.github.incus4j.client.model.InstanceRebuildPost;
import io.github.incus4j.client.model.InstanceState;
import io.github.incus4j.client.model.InstanceStatePut;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.InstancesPut;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Instances (containers and virtual machines): {@code /1.0/instances}, and everything below one
 * instance.
 *
 * <pre>{@code
 * InstancesApi instances = client.instances();
 * instances.start("c1").flatMap(op -> op.await(Duration.ofSeconds(30))).block();
 * ExecResult uname = instances.exec("c1").run(ExecRequest.of("uname", "-a")).block();
 * byte[] hostname = instances.files("c1").read("/etc/hostname").block();
 * List<String> snapshots = instances.snapshots("c1").listNames().block();
 * }</pre>
 *
 * <p>The navigation follows the REST URLs: what lies below one instance and has calls of its own
 * ({@code /snapshots}, {@code /backups}, {@code /logs}, {@code /console}, {@code /metadata},
 * {@code /nvram}, {@code /files}, {@code /exec}, and the raw connections {@code /sftp},
 * {@code /nbd}, {@code /port-forward}) is reached with a method named after it that takes the
 * instance name ({@link #snapshots(String)}, {@link #files(String)}, ...), whose methods then take
 * only their own item's name. What is one action or one read of the instance ({@code /state},
 * {@code /rebuild}, {@code /access}, {@code /debug/...}, {@code /bitmaps}) is a method of this
 * class taking the instance name.
 *
 * <p>Creating, updating, renaming, deleting and changing the state of an instance run in the
 * background: those methods return an {@link OperationHandle} to await.
 */
public final class InstancesApi {

    private static final JavaType FULL_INSTANCES = Calls.listOf(InstanceFull.class);
    private static final JavaType ACCESS = Calls.listOf(AccessEntry.class);

    private final Calls calls;
    private final NamedCollection<Instance> instances;

    /**
     * Creates the API over a request executor and a view of the server's extensions, which the
     * calls that need one check first.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstancesApi(Calls calls) {
        this.calls = calls;
        this.instances = new NamedCollection<>(calls, "/1.0/instances", "name", Map.of(), Instance.class);
    }

    /**
     * Lists the names of the instances in the client's project ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the names of the instances that match the options ({@code recursion=0}).
     *
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/instances")
    public Mono<List<String>> listNames(ListOptions options) {
        return instances.names(options);
    }

    /**
     * Lists the instances in the client's project ({@code recursion=1}).
     *
     * @return the instances
     */
    public Mono<List<Instance>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the instances that match the options ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the instances
     */
    @Endpoint(method = "GET", path = "/1.0/instances?recursion=1")
    public Mono<List<Instance>> list(ListOptions options) {
        return instances.list(options);
    }

    /**
     * Lists the instances in the client's project with their state, snapshots and backups
     * ({@code recursion=2}).
     *
     * @return the full instances
     */
    public Mono<List<InstanceFull>> listFull() {
        return listFull(ListOptions.NONE);
    }

    /**
     * Lists the instances that match the options with their state, snapshots and backups
     * ({@code recursion=2}).
     *
     * @param options filter and project selection
     * @return the full instances
     */
    @Endpoint(method = "GET", path = "/1.0/instances?recursion=2")
    public Mono<List<InstanceFull>> listFull(ListOptions options) {
        IncusRequest request = Names.required("options", options)
                .applyTo(instances.collection(HttpMethod.GET).query("recursion", "2")).build();
        return calls.list(request, FULL_INSTANCES);
    }

    /**
     * Reads an instance.
     *
     * @param name the instance name
     * @return the instance; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    public Mono<Instance> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads an instance with its ETag, for a later {@link #update}.
     *
     * @param name the instance name
     * @return the instance and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}")
    public Mono<ETagged<Instance>> getWithEtag(String name) {
        return instances.get(name);
    }

    /**
     * Reads an instance with its state, snapshots and backups ({@code recursion=1} on one instance).
     *
     * @param name the instance name
     * @return the full instance
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}?recursion=1")
    public Mono<InstanceFull> getFull(String name) {
        return calls.object(one(HttpMethod.GET, "", name).query("recursion", "1").build(), InstanceFull.class);
    }

    /**
     * Creates an instance ({@code POST /1.0/instances}).
     *
     * @param instance what to create
     * @return the creation's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances")
    public Mono<OperationHandle> create(InstancesPost instance) {
        Names.required("instance", instance);
        Names.segment("instance.name", instance.name());
        return calls.async(instances.collection(HttpMethod.POST).json(instance).build());
    }

    /**
     * Makes a new instance from a backup tarball under the name and pool the backup holds; see
     * {@link #importBackup(Path, BackupImport)}.
     *
     * @param tarball a backup as written by {@link InstanceBackupsApi#export} or {@code incus export}
     * @return the import's operation
     */
    public Mono<OperationHandle> importBackup(Path tarball) {
        return importBackup(tarball, BackupImport.DEFAULTS);
    }

    /**
     * Makes a new instance from a backup tarball ({@code POST /1.0/instances} with the raw file as
     * {@code application/octet-stream}), streaming the file. The instance is created stopped.
     *
     * @param tarball a backup as written by {@link InstanceBackupsApi#export} or {@code incus export}
     * @param options the new name and storage pool, or {@link BackupImport#DEFAULTS}
     * @return the import's operation; a name in use fails it with the daemon's text
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/instances")
    public Mono<OperationHandle> importBackup(Path tarball, BackupImport options) {
        Downloads.requireFile("tarball", tarball);
        Names.required("options", options);
        IncusRequest.Builder request = instances.collection(HttpMethod.POST).body(Downloads.upload(tarball));
        if (!options.name().isEmpty()) {
            request.header("X-Incus-name", Names.segment("options.name", options.name()));
        }
        if (!options.pool().isEmpty()) {
            request.header("X-Incus-pool", Names.segment("options.pool", options.pool()));
        }
        return Mono.fromCallable(() -> Downloads.size(tarball))
                .flatMap(size -> calls.async(request.copy().header(HttpHeaders.CONTENT_LENGTH, Long.toString(size))
                        .build()));
    }

    /**
     * Replaces an instance's configuration ({@code PUT /1.0/instances/{name}}).
     *
     * @param name the instance name
     * @param instance the new configuration, typically from {@link Instance#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null} to overwrite unconditionally;
     *     a stale ETag fails at once with {@link io.github.incus4j.client.exception.IncusPreconditionFailedException}
     * @return the update's operation
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}")
    public Mono<OperationHandle> update(String name, InstancePut instance, @Nullable String etag) {
        Names.required("instance", instance);
        return calls.async(one(HttpMethod.PUT, "", name).json(instance).ifMatch(etag).build());
    }

    /**
     * Changes only the given fields of an instance ({@code PATCH /1.0/instances/{name}}).
     *
     * @param name the instance name
     * @param changes the fields to change, as JSON-shaped values (for example
     *     {@code Map.of("config", Map.of("limits.cpu", "2"))})
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when the daemon applied it
     */
    @Endpoint(method = "PATCH", path = "/1.0/instances/{name}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return instances.patch(name, changes, etag);
    }

    /**
     * Renames a stopped instance.
     *
     * @param name the current name
     * @param newName the new name
     * @return the rename's operation; for a running instance it fails with the daemon's
     *     "Renaming of running instance not allowed" (measured on Incus 6.0.4)
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}")
    public Mono<OperationHandle> rename(String name, String newName) {
        Names.segment("newName", newName);
        return calls.async(one(HttpMethod.POST, "", name).json(new InstancePost(newName)).build());
    }

    /**
     * Deletes a stopped instance. A running instance is refused at once with the daemon's
     * "Instance is running" error; stop it (with force) first.
     *
     * @param name the instance name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}")
    public Mono<OperationHandle> delete(String name) {
        return instances.deleteInBackground(name);
    }

    /**
     * Reads an instance's runtime state.
     *
     * @param name the instance name
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/state")
    public Mono<InstanceState> state(String name) {
        return calls.object(one(HttpMethod.GET, "/state", name).build(), InstanceState.class);
    }

    /**
     * Changes an instance's state ({@code PUT /1.0/instances/{name}/state}).
     *
     * @param name the instance name
     * @param change the change, such as {@link InstanceStatePut#start()}
     * @return the change's operation; it fails with the daemon's text when the change is
     *     impossible (stopping a stopped instance)
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}/state")
    public Mono<OperationHandle> changeState(String name, InstanceStatePut change) {
        Names.required("change", change);
        return calls.async(one(HttpMethod.PUT, "/state", name).json(change).build());
    }

    /**
     * Starts an instance.
     *
     * @param name the instance name
     * @return the operation
     */
    public Mono<OperationHandle> start(String name) {
        return changeState(name, InstanceStatePut.start());
    }

    /**
     * Stops an instance.
     *
     * @param name the instance name
     * @param force {@code true} to kill it rather than ask it to shut down
     * @return the operation
     */
    public Mono<OperationHandle> stop(String name, boolean force) {
        return changeState(name, InstanceStatePut.stop(force));
    }

    /**
     * Restarts an instance.
     *
     * @param name the instance name
     * @param force {@code true} to kill it rather than ask it to shut down
     * @return the operation
     */
    public Mono<OperationHandle> restart(String name, boolean force) {
        return changeState(name, InstanceStatePut.restart(force));
    }

    /**
     * Freezes (pauses) an instance.
     *
     * @param name the instance name
     * @return the operation
     */
    public Mono<OperationHandle> freeze(String name) {
        return changeState(name, InstanceStatePut.freeze());
    }

    /**
     * Unfreezes (resumes) an instance.
     *
     * @param name the instance name
     * @return the operation
     */
    public Mono<OperationHandle> unfreeze(String name) {
        return changeState(name, InstanceStatePut.unfreeze());
    }

    /**
     * Changes the state of every instance in the client's project at once
     * ({@code PUT /1.0/instances}; API extension {@code instance_bulk_state_change}), as
     * {@code incus start --all} does.
     *
     * <p>Instances already in the wanted state are left alone: stopping a project whose
     * instances are all stopped succeeds and touches nothing (Incus 6.0.4).
     *
     * @param change the change, such as {@link InstanceStatePut#stop(boolean)}
     * @return the change's operation
     */
    @Endpoint(method = "PUT", path = "/1.0/instances")
    public Mono<OperationHandle> changeAllStates(InstanceStatePut change) {
        Names.required("change", change);
        return calls.requiring("instance_bulk_state_change",
                calls.async(instances.collection(HttpMethod.PUT).json(new InstancesPut(change)).build()));
    }

    /**
     * Rebuilds a stopped instance ({@code POST /1.0/instances/{name}/rebuild}; API extension
     * {@code instances_rebuild}): its root disk is replaced by a fresh copy of an image, or by an
     * empty one, while its name, configuration, devices and snapshots stay.
     *
     * @param name the instance name; it must be stopped (a running one is refused at once, HTTP
     *     400 "Instance must be stopped to be rebuilt", measured on Incus 6.0.4)
     * @param rebuild where the new root file system comes from
     * @return the rebuild's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/rebuild")
    public Mono<OperationHandle> rebuild(String name, InstanceRebuildPost rebuild) {
        Names.required("rebuild", rebuild);
        Names.required("rebuild.source", rebuild.source());
        return calls.requiring("instances_rebuild", calls.async(one(HttpMethod.POST, "/rebuild", name).json(rebuild)
                .build()));
    }

    /**
     * Lists who may access an instance and with which role ({@code GET /1.0/instances/{name}/access};
     * API extension {@code instance_access}). Without an external authoriser (OpenFGA), Incus
     * 6.0.4 lists the trusted TLS client certificates not restricted to projects, each as
     * {@code admin} (the Unix socket's users are not listed), and answers the same list even for
     * an instance that does not exist.
     *
     * @param name the instance name
     * @return the entries, possibly empty
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/access")
    public Mono<List<AccessEntry>> access(String name) {
        return calls.requiring("instance_access", calls.list(one(HttpMethod.GET, "/access", name).build(), ACCESS));
    }

    /**
     * Dumps the memory of a running virtual machine to a local file, streaming it
     * ({@code GET /1.0/instances/{name}/debug/memory}; API extension {@code instance_debug_memory}).
     * A container is refused with 400 ("Memory dumps are only supported for virtual machines").
     *
     * @param name the virtual machine
     * @param format the dump format, such as {@code elf} (the daemon's default), {@code win-dmp},
     *     {@code kdump-zlib}; {@code null} for the default
     * @param target the local file to write (replaced; deleted again if the transfer fails)
     * @return the number of bytes written
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/debug/memory")
    public Mono<Long> debugMemory(String name, @Nullable String format, Path target) {
        Names.required("target", target);
        IncusRequest.Builder request = one(HttpMethod.GET, "/debug/memory", name);
        if (format != null) {
            request.query("format", Names.segment("format", format));
        }
        return calls.requiring("instance_debug_memory", Downloads.toFile(calls.http(), request.build(), target));
    }

    /**
     * Runs a low-level repair action on an instance ({@code POST /1.0/instances/{name}/debug/repair};
     * API extension {@code instances_debug_repair}, not in Incus 6.0).
     *
     * @param name the instance name
     * @param repair the action, such as {@code rebuild-config-volume}
     * @return completes when the daemon ran it
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/debug/repair")
    public Mono<Void> debugRepair(String name, InstanceDebugRepairPost repair) {
        Names.required("repair", repair);
        Names.segment("repair.action", repair.action());
        return calls.requiring("instances_debug_repair", calls.run(one(HttpMethod.POST, "/debug/repair", name)
                .json(repair).build()));
    }

    /**
     * Creates a dirty bitmap on every disk of a virtual machine at once, consistently
     * ({@code POST /1.0/instances/{name}/bitmaps}; API extension {@code storage_volume_nbd}, not in
     * Incus 6.0).
     *
     * @param name the virtual machine
     * @param bitmap the bitmap, such as {@link StorageVolumeBitmapsPost#named(String)}
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/bitmaps")
    public Mono<Void> createBitmap(String name, StorageVolumeBitmapsPost bitmap) {
        Names.required("bitmap", bitmap);
        Names.segment("bitmap.name", bitmap.name());
        return calls.requiring("storage_volume_nbd", calls.run(one(HttpMethod.POST, "/bitmaps", name).json(bitmap)
                .build()));
    }

    /**
     * The snapshots of one instance: {@code /1.0/instances/{name}/snapshots}, and restoring them.
     *
     * @param instance the instance name
     * @return the snapshots API of that instance
     */
    public InstanceSnapshotsApi snapshots(String instance) {
        return new InstanceSnapshotsApi(calls, checked(instance));
    }

    /**
     * The backups of one instance: {@code /1.0/instances/{name}/backups}, and their download.
     *
     * @param instance the instance name
     * @return the backups API of that instance
     */
    public InstanceBackupsApi backups(String instance) {
        return new InstanceBackupsApi(calls, checked(instance));
    }

    /**
     * The log files of one instance: {@code /1.0/instances/{name}/logs}, and what exec recorded.
     *
     * @param instance the instance name
     * @return the logs API of that instance
     */
    public InstanceLogsApi logs(String instance) {
        return new InstanceLogsApi(calls, checked(instance));
    }

    /**
     * The console of one instance: {@code /1.0/instances/{name}/console}, to attach to it or read its log.
     *
     * @param instance the instance name
     * @return the console API of that instance
     */
    public InstanceConsoleApi console(String instance) {
        return new InstanceConsoleApi(calls, checked(instance));
    }

    /**
     * The image metadata and template files of one instance: {@code /1.0/instances/{name}/metadata}.
     *
     * @param instance the instance name
     * @return the metadata API of that instance
     */
    public InstanceMetadataApi metadata(String instance) {
        return new InstanceMetadataApi(calls, checked(instance));
    }

    /**
     * The UEFI variables of one virtual machine: {@code /1.0/instances/{name}/nvram}.
     *
     * @param instance the virtual machine's name
     * @return the NVRAM API of that instance
     */
    public InstanceNvramApi nvram(String instance) {
        return new InstanceNvramApi(calls, checked(instance));
    }

    /**
     * The files of one instance: {@code /1.0/instances/{name}/files}.
     *
     * @param instance the instance name
     * @return the files API of that instance
     */
    public InstanceFilesApi files(String instance) {
        return new InstanceFilesApi(calls, checked(instance));
    }

    /**
     * Commands in one instance: {@code POST /1.0/instances/{name}/exec}, over websockets or with
     * recorded output.
     *
     * @param instance the instance name
     * @return the exec API of that instance
     */
    public InstanceExecApi exec(String instance) {
        return new InstanceExecApi(calls, checked(instance));
    }

    /**
     * Raw connections into one instance: SFTP ({@code /sftp}), NBD ({@code /nbd}) and TCP port
     * forwarding ({@code /port-forward}).
     *
     * @param instance the instance name
     * @return the connections API of that instance
     */
    public InstanceConnectionsApi connections(String instance) {
        return new InstanceConnectionsApi(calls, checked(instance));
    }

    private IncusRequest.Builder one(HttpMethod method, String suffix, String name) {
        return instances.one(method, suffix, name);
    }

    /** Checks an instance name when navigating, so that a blank one fails here, naming the argument. */
    private static String checked(String instance) {
        return Names.segment("instance", instance);
    }
}
