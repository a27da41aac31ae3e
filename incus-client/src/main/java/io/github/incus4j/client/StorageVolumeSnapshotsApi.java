package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageVolumeSnapshot;
import io.github.incus4j.client.model.StorageVolumeSnapshotPut;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The snapshots of one storage volume:
 * {@code /1.0/storage-pools/{pool}/volumes/{type}/{volume}/snapshots}, reached with
 * {@link StorageVolumesApi#snapshots(String, String)}. A snapshot is restored through the volume:
 * {@link StorageVolumesApi#update} with
 * {@link io.github.incus4j.client.model.StorageVolumePut#restoring(String)}.
 *
 * <pre>{@code
 * StorageVolumeSnapshotsApi snapshots = incus.storagePools().volumes("default").snapshots("custom", "data");
 * snapshots.create("before-upgrade", null).flatMap(operation -> operation.await(Duration.ofMinutes(1))).block();
 * List<String> names = snapshots.listNames().block();
 * }</pre>
 */
public final class StorageVolumeSnapshotsApi {

    private final Calls calls;
    private final String volume;
    private final NamedCollection<StorageVolumeSnapshot> snapshots;

    /**
     * Creates the API for one volume.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param volume the volume's template variables, checked ({@link StorageVolumesApi#scope})
     */
    StorageVolumeSnapshotsApi(Calls calls, Map<String, String> volume) {
        this.calls = calls;
        this.volume = volume.get("volumeName");
        this.snapshots = new NamedCollection<>(calls,
                "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots", "snapshotName", volume,
                StorageVolumeSnapshot.class);
    }

    /**
     * Lists the snapshot names ({@code recursion=0}).
     *
     * @return the snapshot names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots")
    public Mono<List<String>> listNames() {
        return snapshots.names(ListOptions.NONE);
    }

    /**
     * Lists the snapshots ({@code recursion=1}). Incus 6.0 names them {@code volume/snapshot} in
     * this list (and {@code snapshot} everywhere else); the client returns the snapshot name alone.
     * In this list Incus 6.0.4 also leaves {@code contentType} empty, and a snapshot that never
     * expires has a {@code null} {@code expiresAt} instead of the zero time {@link #get} gives.
     *
     * @return the snapshots
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots?recursion=1")
    public Mono<List<StorageVolumeSnapshot>> list() {
        String prefix = volume + "/";
        return snapshots.list(ListOptions.NONE).map(list -> list.stream().map(snapshot -> snapshot.name()
                .startsWith(prefix) ? new StorageVolumeSnapshot(snapshot.name().substring(prefix.length()),
                        snapshot.description(), snapshot.config(), snapshot.contentType(), snapshot.createdAt(),
                        snapshot.expiresAt(), snapshot.extra())
                : snapshot).toList());
    }

    /**
     * Reads a snapshot.
     *
     * @param snapshot the snapshot name
     * @return the snapshot
     */
    public Mono<StorageVolumeSnapshot> get(String snapshot) {
        return getWithEtag(snapshot).map(ETagged::value);
    }

    /**
     * Reads a snapshot with its ETag.
     *
     * @param snapshot the snapshot name
     * @return the snapshot and its ETag
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<ETagged<StorageVolumeSnapshot>> getWithEtag(String snapshot) {
        return snapshots.get(snapshot);
    }

    /**
     * Takes a snapshot.
     *
     * @param snapshot the snapshot name; empty lets the daemon pick one ({@code snap0}, ...)
     * @param expiresAt when the snapshot expires, or {@code null} for the volume's
     *     {@code snapshots.expiry}
     * @return the snapshot's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots")
    public Mono<OperationHandle> create(String snapshot, @Nullable Instant expiresAt) {
        Names.required("snapshot", snapshot);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", snapshot);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt.toString());
        }
        return calls.async(snapshots.collection(HttpMethod.POST).json(body).build());
    }

    /**
     * Renames a snapshot.
     *
     * @param snapshot the snapshot's current name
     * @param newName the new name
     * @return the rename's operation
     */
    @Endpoint(method = "POST",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<OperationHandle> rename(String snapshot, String newName) {
        Names.segment("newName", newName);
        return calls.async(snapshots.one(HttpMethod.POST, "", snapshot).json(Map.of("name", newName)).build());
    }

    /**
     * Replaces a snapshot's description and expiry.
     *
     * @param snapshot the snapshot name
     * @param content the new content, typically from {@link StorageVolumeSnapshot#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<Void> update(String snapshot, StorageVolumeSnapshotPut content, @Nullable String etag) {
        Names.required("content", content);
        return snapshots.update(snapshot, content, etag);
    }

    /**
     * Changes only the given fields of a snapshot.
     *
     * @param snapshot the snapshot name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<Void> patch(String snapshot, Object changes, @Nullable String etag) {
        return snapshots.patch(snapshot, changes, etag);
    }

    /**
     * Deletes a snapshot.
     *
     * @param snapshot the snapshot name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<OperationHandle> delete(String snapshot) {
        return calls.async(snapshots.one(HttpMethod.DELETE, "", snapshot).build());
    }
}
