package io.github.incus4j.client;

import io.github.incus4j.client.model.AccessEntry;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstanceConsolePost;
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
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.ResourceUrls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Instances (containers and virtual machines): {@code /1.0/instances}.
 *
 * <p>Creating, updating, renaming, deleting and changing the state of an instance run in the
 * background: those methods return an {@link OperationHandle} to await.
 */
public final class InstancesApi {

    private static final String COLLECTION = "/1.0/instances";
    private static final String ONE = "/1.0/instances/{name}";

    private static final JavaType STRINGS = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, String.class);
    private static final JavaType INSTANCES = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, Instance.class);
    private static final JavaType FULL_INSTANCES = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, InstanceFull.class);

    private static final JavaType ACCESS = IncusJson.mapper().getTypeFactory()
            .constructCollectionType(List.class, AccessEntry.class);

    private final IncusHttp http;
    private final ApiExtensions extensions;
    private final Calls calls;


    /**
     * Creates the API over a request executor and a view of the server's extensions, which the
     * calls that need one check first.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstancesApi(Calls calls) {
        this.http = calls.http();
        this.extensions = calls.extensions();
        this.calls = calls;
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
        IncusRequest request = Names.required("options", options).applyTo(IncusRequest.get(COLLECTION)).build();
        return http.send(request).map(response -> ResourceUrls.names(response.metadataAs(STRINGS), COLLECTION));
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
        IncusRequest request = Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("recursion", "1")).build();
        return http.send(request, INSTANCES).map(response -> response.metadataAs(INSTANCES));
    }

    /**
     * Lists the instances with their state, snapshots and backups ({@code recursion=2}).
     *
     * @param options filter and project selection
     * @return the full instances
     */
    @Endpoint(method = "GET", path = "/1.0/instances?recursion=2")
    public Mono<List<InstanceFull>> listFull(ListOptions options) {
        IncusRequest request = Names.required("options", options)
                .applyTo(IncusRequest.get(COLLECTION).query("recursion", "2")).build();
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
        IncusRequest request = IncusRequest.get(ONE).path("name", "name", name).build();
        return http.send(request).map(response -> new ETagged<>(response.metadataAs(Instance.class), response.etag()));
    }

    /**
     * Reads an instance with its state, snapshots and backups ({@code recursion=1} on one instance).
     *
     * @param name the instance name
     * @return the full instance
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}?recursion=1")
    public Mono<InstanceFull> getFull(String name) {
        IncusRequest request = IncusRequest.get(ONE).path("name", "name", name).query("recursion", "1").build();
        return http.send(request).map(response -> response.metadataAs(InstanceFull.class));
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
        return calls.async(IncusRequest.of(HttpMethod.POST, COLLECTION).json(instance).build());
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
        return calls.async(IncusRequest.of(HttpMethod.PUT, ONE).path("name", "name", name).json(instance).ifMatch(etag)
                .build());
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
        Names.required("changes", changes);
        return http.send(IncusRequest.of(HttpMethod.PATCH, ONE).path("name", "name", name).json(changes)
                .ifMatch(etag).build()).then();
    }

    /**
     * Renames a stopped instance.
     *
     * @param name the current name
     * @param newName the new name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}")
    public Mono<OperationHandle> rename(String name, String newName) {
        Names.segment("newName", newName);
        return calls.async(IncusRequest.of(HttpMethod.POST, ONE).path("name", "name", name)
                .json(new InstancePost(newName)).build());
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
        return calls.async(IncusRequest.of(HttpMethod.DELETE, ONE).path("name", "name", name).build());
    }

    /**
     * Reads an instance's runtime state.
     *
     * @param name the instance name
     * @return the state
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/state")
    public Mono<InstanceState> state(String name) {
        IncusRequest request = IncusRequest.get(ONE + "/state").path("name", "name", name).build();
        return http.send(request).map(response -> response.metadataAs(InstanceState.class));
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
        return calls.async(IncusRequest.of(HttpMethod.PUT, ONE + "/state").path("name", "name", name).json(change)
                .build());
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
        return extensions.require("instance_bulk_state_change")
                .then(calls.async(IncusRequest.of(HttpMethod.PUT, COLLECTION).json(new InstancesPut(change)).build()));
    }

    /**
     * Rebuilds a stopped instance ({@code POST /1.0/instances/{name}/rebuild}; API extension
     * {@code instances_rebuild}): its root disk is replaced by a fresh copy of an image, or by an
     * empty one, while its name, configuration, devices and snapshots stay.
     *
     * @param name the instance name; it must be stopped (a running one fails the operation with
     *     the daemon's text)
     * @param rebuild where the new root file system comes from
     * @return the rebuild's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/rebuild")
    public Mono<OperationHandle> rebuild(String name, InstanceRebuildPost rebuild) {
        Names.required("rebuild", rebuild);
        Names.required("rebuild.source", rebuild.source());
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/rebuild").path("name", "name", name)
                .json(rebuild).build();
        return extensions.require("instances_rebuild").then(calls.async(request));
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
        IncusRequest request = IncusRequest.get(ONE + "/access").path("name", "name", name).build();
        return calls.requiring("instance_access", calls.list(request, ACCESS));
    }

    /**
     * Attaches to an instance's console ({@code POST /1.0/instances/{name}/console}); subscribe to
     * the session's {@link ConsoleSession#output()} at once to connect it.
     *
     * @param name the instance name; it must be running
     * @param console the console type and terminal size, such as {@link InstanceConsolePost#text(int, int)}
     * @return the session; an {@link io.github.incus4j.client.exception.IncusApiException} if the daemon
     *     refused (instance not running: 400)
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/console")
    public Mono<ConsoleSession> console(String name, InstanceConsolePost console) {
        Names.segment("name", name);
        Names.required("console", console);
        Mono<Void> forcing = console.force() ? extensions.require("console_force") : Mono.empty();
        Mono<Void> vga = "vga".equals(console.type()) ? extensions.require("console_vga_type") : Mono.empty();
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/console").path("name", "name", name)
                .json(console).build();
        return forcing.then(vga).then(calls.async(request)).map(operation -> new ConsoleSession(http, name, operation));
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
        IncusRequest.Builder request = IncusRequest.get(ONE + "/debug/memory").path("name", "name", name);
        if (format != null) {
            request.query("format", Names.segment("format", format));
        }
        return extensions.require("instance_debug_memory").then(Downloads.toFile(http, request.build(), target));
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
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/debug/repair").path("name", "name", name)
                .json(repair).build();
        return calls.requiring("instances_debug_repair", calls.run(request));
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
        IncusRequest request = IncusRequest.of(HttpMethod.POST, ONE + "/bitmaps").path("name", "name", name)
                .json(bitmap).build();
        return calls.requiring("storage_volume_nbd", calls.run(request));
    }
}
