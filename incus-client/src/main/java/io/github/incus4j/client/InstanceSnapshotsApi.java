package io.github.incus4j.client;

import io.github.incus4j.client.model.InstanceSnapshot;
import io.github.incus4j.client.model.InstanceSnapshotPut;
import io.github.incus4j.client.model.InstanceSnapshotsPost;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * Snapshots of instances: {@code /1.0/instances/{name}/snapshots}.
 *
 * <pre>{@code
 * client.instanceSnapshots().create("c1", InstanceSnapshotsPost.named("before-upgrade"))
 *         .flatMap(op -> op.await(Duration.ofMinutes(1))).block();
 * // ... later, put the instance back as it was
 * client.instanceSnapshots().restore("c1", "before-upgrade", false)
 *         .flatMap(op -> op.await(Duration.ofMinutes(1))).block();
 * }</pre>
 *
 * <p>Every change runs in the background and returns an {@link OperationHandle} to await.
 */
public final class InstanceSnapshotsApi {

    private static final String COLLECTION = "/1.0/instances/{name}/snapshots";
    private static final String ONE = COLLECTION + "/{snapshot}";
    private static final JavaType SNAPSHOTS = Calls.listOf(InstanceSnapshot.class);

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstanceSnapshotsApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the names of an instance's snapshots ({@code recursion=0}), oldest first.
     *
     * @param instance the instance name
     * @return the snapshot names, without the {@code instance/} prefix
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/snapshots")
    public Mono<List<String>> listNames(String instance) {
        return calls.names(collection(HttpMethod.GET, instance).build());
    }

    /**
     * Lists an instance's snapshots ({@code recursion=1}), oldest first.
     *
     * @param instance the instance name
     * @return the snapshots
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/snapshots?recursion=1")
    public Mono<List<InstanceSnapshot>> list(String instance) {
        return calls.list(collection(HttpMethod.GET, instance).query("recursion", "1").build(), SNAPSHOTS);
    }

    /**
     * Reads a snapshot.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @return the snapshot; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    public Mono<InstanceSnapshot> get(String instance, String snapshot) {
        return getWithEtag(instance, snapshot).map(ETagged::value);
    }

    /**
     * Reads a snapshot with its ETag, for a later {@link #update}.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @return the snapshot and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/snapshots/{snapshot}")
    public Mono<ETagged<InstanceSnapshot>> getWithEtag(String instance, String snapshot) {
        return calls.tagged(one(HttpMethod.GET, instance, snapshot).build(), InstanceSnapshot.class);
    }

    /**
     * Takes a snapshot. A name in use fails the operation with the daemon's text.
     *
     * @param instance the instance name
     * @param snapshot name, expiry and whether to save the running state
     * @return the snapshot's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/snapshots")
    public Mono<OperationHandle> create(String instance, InstanceSnapshotsPost snapshot) {
        Names.required("snapshot", snapshot);
        if (!snapshot.name().isEmpty()) {
            Names.segment("snapshot.name", snapshot.name());
        }
        return calls.async(collection(HttpMethod.POST, instance).json(snapshot).build());
    }

    /**
     * Renames a snapshot.
     *
     * @param instance the instance name
     * @param snapshot the current snapshot name
     * @param newName the new snapshot name
     * @return the rename's operation
     */
    @Endpoint(method = "POST", path = "/1.0/instances/{name}/snapshots/{snapshot}")
    public Mono<OperationHandle> rename(String instance, String snapshot, String newName) {
        Names.segment("newName", newName);
        return calls.async(one(HttpMethod.POST, instance, snapshot).json(Map.of("name", newName)).build());
    }

    /**
     * Replaces a snapshot's writable fields (its expiry).
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @param changes the new values, typically {@link InstanceSnapshotPut#from} a read, changed
     * @param etag the ETag from {@link #getWithEtag}, or {@code null} to overwrite unconditionally;
     *     a stale one fails with {@link io.github.incus4j.client.exception.IncusPreconditionFailedException}
     * @return the update's operation
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}/snapshots/{snapshot}")
    public Mono<OperationHandle> update(String instance, String snapshot, InstanceSnapshotPut changes,
            @Nullable String etag) {
        Names.required("changes", changes);
        return calls.syncOrAsync(one(HttpMethod.PUT, instance, snapshot).json(changes).ifMatch(etag).build());
    }

    /**
     * Changes only the given writable fields of a snapshot.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @param changes the fields to change, as an {@link InstanceSnapshotPut} or JSON-shaped values
     *     such as {@code Map.of("expires_at", "2030-01-01T00:00:00Z")}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return the update's operation
     */
    @Endpoint(method = "PATCH", path = "/1.0/instances/{name}/snapshots/{snapshot}")
    public Mono<OperationHandle> patch(String instance, String snapshot, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return calls.syncOrAsync(one(HttpMethod.PATCH, instance, snapshot).json(changes).ifMatch(etag).build());
    }

    /**
     * Deletes a snapshot.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/snapshots/{snapshot}")
    public Mono<OperationHandle> delete(String instance, String snapshot) {
        return calls.async(one(HttpMethod.DELETE, instance, snapshot).build());
    }

    /**
     * Puts an instance back to a snapshot ({@code PUT /1.0/instances/{name}} with {@code restore}).
     * Everything written since the snapshot is lost; snapshots taken after it are kept (unless the
     * storage driver can only restore the newest, as ZFS without {@code zfs.remove_snapshots}).
     * A running instance is restarted by the daemon.
     *
     * @param instance the instance name
     * @param snapshot the snapshot name
     * @param stateful {@code true} to restore the running state of a stateful snapshot too
     * @return the restore's operation
     */
    @Endpoint(method = "PUT", path = "/1.0/instances/{name}")
    public Mono<OperationHandle> restore(String instance, String snapshot, boolean stateful) {
        Names.segment("snapshot", snapshot);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("restore", snapshot);
        body.put("stateful", stateful);
        return calls.async(IncusRequest.of(HttpMethod.PUT, "/1.0/instances/{name}").path("name", "instance", instance)
                .json(body).build());
    }

    private static IncusRequest.Builder collection(HttpMethod method, String instance) {
        return IncusRequest.of(method, COLLECTION).path("name", "instance", instance);
    }

    private static IncusRequest.Builder one(HttpMethod method, String instance, String snapshot) {
        return IncusRequest.of(method, ONE).path("name", "instance", instance).path("snapshot", "snapshot", snapshot);
    }
}
