package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.StorageVolume;
import io.github.incus4j.client.model.StorageVolumeFull;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.client.model.StorageVolumeSnapshot;
import io.github.incus4j.client.model.StorageVolumeSnapshotPut;
import io.github.incus4j.client.model.StorageVolumeState;
import io.github.incus4j.client.model.StorageVolumesPost;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JavaType;

/**
 * The volumes of one storage pool: {@code /1.0/storage-pools/{pool}/volumes}, of every type
 * ({@value #CUSTOM}, {@code image}, {@code container}, {@code virtual-machine}), and their
 * snapshots.
 *
 * <p>Only custom volumes are created and renamed here; the others come and go with their instance
 * or image, but can be read, updated and snapshotted alike. Backups, files, dirty bitmaps and raw
 * SFTP/NBD connections of the pool's volumes are reached with {@link #backups()}, {@link #files()},
 * {@link #bitmaps()} and {@link #connections()}.
 */
public final class StorageVolumesApi {

    /** The type of volumes users create. */
    public static final String CUSTOM = "custom";

    private static final String POOL_VOLUMES = "/1.0/storage-pools/{poolName}/volumes";
    private static final String OF_TYPE = POOL_VOLUMES + "/{type}";
    private static final String ONE = OF_TYPE + "/{volumeName}";
    private static final String SNAPSHOTS = ONE + "/snapshots";
    private static final String SNAPSHOT = SNAPSHOTS + "/{snapshotName}";
    private static final JavaType VOLUMES = Calls.listOf(StorageVolume.class);
    private static final JavaType VOLUME_SNAPSHOTS = Calls.listOf(StorageVolumeSnapshot.class);

    /** The API extension full reads (a volume with its snapshots, backups and state) need; not in Incus 6.0. */
    public static final String FULL_EXTENSION = "storage_volume_full";

    /** The API extension {@link #rebuild} needs; not in Incus 6.0. */
    public static final String REBUILD_EXTENSION = "storage_volumes_rebuild";

    private final IncusHttp http;
    private final @Nullable ApiExtensions extensions;
    private final Calls calls;
    private final String pool;


    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumesApi(Calls calls, String pool) {
        this.http = calls.http();
        this.extensions = calls.extensions();
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Backups of this pool's custom volumes, and making volumes from backups.
     *
     * @return the volume backups API of this pool
     */
    public StorageVolumeBackupsApi backups() {
        return new StorageVolumeBackupsApi(calls, pool);
    }

    /**
     * Files in this pool's custom volumes.
     *
     * @return the volume files API of this pool
     */
    public StorageVolumeFilesApi files() {
        return new StorageVolumeFilesApi(calls, pool);
    }

    /**
     * Dirty bitmaps of this pool's block volumes.
     *
     * @return the volume bitmaps API of this pool
     */
    public StorageVolumeBitmapsApi bitmaps() {
        return new StorageVolumeBitmapsApi(calls, pool);
    }

    /**
     * Raw SFTP and NBD connections to this pool's volumes.
     *
     * @return the volume connections API of this pool
     */
    public StorageVolumeConnectionsApi connections() {
        return new StorageVolumeConnectionsApi(calls, pool);
    }

    private IncusRequest.Builder at(HttpMethod method, String template) {
        return IncusRequest.of(method, template).path("poolName", "pool", pool);
    }

    private IncusRequest.Builder volume(HttpMethod method, String template, String type, String name) {
        return at(method, template).path("type", "type", type).path("volumeName", "name", name);
    }

    /**
     * Lists the volumes of every type as {@code type/name} ({@code recursion=0}); an instance's
     * snapshot volume reads {@code container/c1/snap0}.
     *
     * @param options filter and project selection
     * @return the volumes as {@code type/name}
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes")
    public Mono<List<String>> listNames(ListOptions options) {
        IncusRequest request = Names.required("options", options).applyTo(at(HttpMethod.GET, POOL_VOLUMES)).build();
        return calls.<String>list(request, Calls.listOf(String.class)).map(StorageVolumesApi::typedNames);
    }

    /**
     * Lists the volumes of every type ({@code recursion=1}).
     *
     * @param options filter and project selection
     * @return the volumes
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes?recursion=1")
    public Mono<List<StorageVolume>> list(ListOptions options) {
        return calls.list(Names.required("options", options).applyTo(at(HttpMethod.GET, POOL_VOLUMES)
                .query("recursion", "1")).build(), VOLUMES);
    }

    /**
     * Lists the volume names of one type ({@code recursion=0}).
     *
     * @param type the volume type, such as {@value #CUSTOM}
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<List<String>> listNames(String type, ListOptions options) {
        IncusRequest.Builder request = at(HttpMethod.GET, OF_TYPE).path("type", "type", type);
        return calls.<String>list(Names.required("options", options).applyTo(request).build(),
                Calls.listOf(String.class)).map(StorageVolumesApi::typedNames)
                .map(names -> names.stream().map(typed -> typed.substring(typed.indexOf('/') + 1)).toList());
    }

    /**
     * Lists the volumes of one type ({@code recursion=1}).
     *
     * @param type the volume type
     * @param options filter and project selection
     * @return the volumes
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}?recursion=1")
    public Mono<List<StorageVolume>> list(String type, ListOptions options) {
        return calls.list(Names.required("options", options).applyTo(at(HttpMethod.GET, OF_TYPE)
                .path("type", "type", type).query("recursion", "1")).build(), VOLUMES);
    }

    /**
     * Lists the volumes of one type with their snapshots, backups and state ({@code recursion=2};
     * API extension {@value #FULL_EXTENSION}, not in Incus 6.0).
     *
     * @param type the volume type
     * @param options filter and project selection
     * @return the volumes
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}?recursion=2")
    public Mono<List<StorageVolumeFull>> listFull(String type, ListOptions options) {
        IncusRequest request = Names.required("options", options).applyTo(at(HttpMethod.GET, OF_TYPE)
                .path("type", "type", type).query("recursion", "2")).build();
        return calls.requiring(FULL_EXTENSION, calls.list(request, Calls.listOf(StorageVolumeFull.class)));
    }

    /**
     * Reads a volume with its snapshots, backups and state, and its ETag ({@code recursion=1};
     * API extension {@value #FULL_EXTENSION}, not in Incus 6.0).
     *
     * @param type the volume type
     * @param name the volume name
     * @return the volume and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}?recursion=1")
    public Mono<ETagged<StorageVolumeFull>> getFull(String type, String name) {
        return calls.requiring(FULL_EXTENSION, calls.tagged(volume(HttpMethod.GET, ONE, type, name)
                .query("recursion", "1").build(), StorageVolumeFull.class));
    }

    /**
     * Reads a volume.
     *
     * @param type the volume type
     * @param name the volume name
     * @return the volume
     */
    public Mono<StorageVolume> get(String type, String name) {
        return getWithEtag(type, name).map(ETagged::value);
    }

    /**
     * Reads a volume with its ETag.
     *
     * @param type the volume type
     * @param name the volume name
     * @return the volume and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<ETagged<StorageVolume>> getWithEtag(String type, String name) {
        return calls.tagged(volume(HttpMethod.GET, ONE, type, name).build(), StorageVolume.class);
    }

    /**
     * Creates an empty custom volume. The daemon may run it in the background (copies); a
     * synchronous answer gives a handle that is already complete.
     *
     * @param name the volume name
     * @param contentType {@code filesystem} or {@code block}
     * @param volume the description and configuration (such as {@code size})
     * @return the creation's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> create(String name, String contentType, StorageVolumePut volume) {
        Names.segment("name", name);
        Names.segment("contentType", contentType);
        Names.required("volume", volume);
        return calls.syncOrAsync(at(HttpMethod.POST, OF_TYPE).path("type", "type", CUSTOM)
                .json(Calls.named(name, volume).put("content_type", contentType)).build());
    }

    /**
     * Creates a custom volume from the full creation body, sent to the untyped collection
     * ({@code POST /1.0/storage-pools/{pool}/volumes}, the type in the body): above all a copy of
     * another volume, with or without its snapshots, from this or another pool or project, or a
     * refresh of an earlier copy. A copy runs in the background; an empty volume is created at once
     * and gives a handle that is already complete. A copy takes the description and configuration
     * of the body, not those of its source.
     *
     * @param volume the name, type, configuration and source
     * @return the creation's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes")
    public Mono<OperationHandle> create(StorageVolumesPost volume) {
        Names.required("volume", volume);
        Names.segment("volume.name", volume.name());
        Names.segment("volume.type", volume.type());
        if (volume.source() != null && "copy".equals(volume.source().type())) {
            Names.segment("volume.source.name", volume.source().name());
        }
        return calls.syncOrAsync(at(HttpMethod.POST, POOL_VOLUMES).json(volume).build());
    }

    /**
     * Empties a custom volume: the daemon deletes it and makes a new empty one with the same
     * configuration (API extension {@value #REBUILD_EXTENSION}, not in Incus 6.0). Refused for a
     * volume with snapshots.
     *
     * @param type the volume type ({@value #CUSTOM})
     * @param name the volume name
     * @return the rebuild's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/rebuild")
    public Mono<OperationHandle> rebuild(String type, String name) {
        return calls.requiring(REBUILD_EXTENSION, calls.async(volume(HttpMethod.POST, ONE + "/rebuild", type, name)
                .json(Map.of()).build()));
    }

    /**
     * Replaces a volume's description and configuration; with
     * {@link StorageVolumePut#restoring(String)} it restores a snapshot.
     *
     * @param type the volume type
     * @param name the volume name
     * @param volume the new content, typically from {@link StorageVolume#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<Void> update(String type, String name, StorageVolumePut volume, @Nullable String etag) {
        Names.required("volume", volume);
        return calls.run(volume(HttpMethod.PUT, ONE, type, name).json(volume).ifMatch(etag).build());
    }

    /**
     * Changes only the given fields of a volume.
     *
     * @param type the volume type
     * @param name the volume name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<Void> patch(String type, String name, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return calls.run(volume(HttpMethod.PATCH, ONE, type, name).json(changes).ifMatch(etag).build());
    }

    /**
     * Renames a custom volume within its pool (a volume attached to an instance is refused).
     *
     * @param name the current name
     * @param newName the new name
     * @return the rename's operation, already complete when the daemon answered at once
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<OperationHandle> rename(String name, String newName) {
        Names.segment("newName", newName);
        return calls.syncOrAsync(volume(HttpMethod.POST, ONE, CUSTOM, name).json(Map.of("name", newName)).build());
    }

    /**
     * Deletes a custom volume that no instance uses.
     *
     * @param name the volume name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<Void> delete(String name) {
        return calls.run(volume(HttpMethod.DELETE, ONE, CUSTOM, name).build());
    }

    /**
     * Reads a volume's usage.
     *
     * @param type the volume type
     * @param name the volume name
     * @return the state; its usage is {@code null} when the driver cannot tell
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/state")
    public Mono<StorageVolumeState> state(String type, String name) {
        return calls.object(volume(HttpMethod.GET, ONE + "/state", type, name).build(), StorageVolumeState.class);
    }

    /**
     * Lists the snapshot names of a volume.
     *
     * @param type the volume type
     * @param name the volume name
     * @return the snapshot names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots")
    public Mono<List<String>> listSnapshotNames(String type, String name) {
        return calls.names(volume(HttpMethod.GET, SNAPSHOTS, type, name).build());
    }

    /**
     * Lists the snapshots of a volume. Incus 6.0 names them {@code volume/snapshot} in this list
     * (and {@code snapshot} everywhere else); the client returns the snapshot name alone.
     *
     * @param type the volume type
     * @param name the volume name
     * @return the snapshots
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots?recursion=1")
    public Mono<List<StorageVolumeSnapshot>> listSnapshots(String type, String name) {
        String prefix = name + "/";
        return calls.<StorageVolumeSnapshot>list(volume(HttpMethod.GET, SNAPSHOTS, type, name)
                .query("recursion", "1").build(), VOLUME_SNAPSHOTS)
                .map(snapshots -> snapshots.stream().map(snapshot -> snapshot.name().startsWith(prefix)
                        ? new StorageVolumeSnapshot(snapshot.name().substring(prefix.length()), snapshot.description(),
                                snapshot.config(), snapshot.contentType(), snapshot.createdAt(), snapshot.expiresAt(),
                                snapshot.extra())
                        : snapshot).toList());
    }

    /**
     * Reads a snapshot.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name
     * @return the snapshot
     */
    public Mono<StorageVolumeSnapshot> getSnapshot(String type, String name, String snapshot) {
        return getSnapshotWithEtag(type, name, snapshot).map(ETagged::value);
    }

    /**
     * Reads a snapshot with its ETag.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name
     * @return the snapshot and its ETag
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<ETagged<StorageVolumeSnapshot>> getSnapshotWithEtag(String type, String name, String snapshot) {
        return calls.tagged(snapshot(HttpMethod.GET, type, name, snapshot).build(), StorageVolumeSnapshot.class);
    }

    /**
     * Takes a snapshot of a volume.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name; empty lets the daemon pick one ({@code snap0}, ...)
     * @param expiresAt when the snapshot expires, or {@code null} for the pool's default
     * @return the snapshot's operation
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots")
    public Mono<OperationHandle> createSnapshot(String type, String name, String snapshot, @Nullable Instant expiresAt) {
        Names.required("snapshot", snapshot);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", snapshot);
        if (expiresAt != null) {
            body.put("expires_at", expiresAt.toString());
        }
        return calls.async(volume(HttpMethod.POST, SNAPSHOTS, type, name).json(body).build());
    }

    /**
     * Renames a snapshot.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot's current name
     * @param newName the new name
     * @return the rename's operation
     */
    @Endpoint(method = "POST",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<OperationHandle> renameSnapshot(String type, String name, String snapshot, String newName) {
        Names.segment("newName", newName);
        return calls.async(snapshot(HttpMethod.POST, type, name, snapshot).json(Map.of("name", newName)).build());
    }

    /**
     * Replaces a snapshot's description and expiry.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name
     * @param content the new content, typically from {@link StorageVolumeSnapshot#toPut()}
     * @param etag the ETag from {@link #getSnapshotWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<Void> updateSnapshot(String type, String name, String snapshot, StorageVolumeSnapshotPut content,
            @Nullable String etag) {
        Names.required("content", content);
        return calls.run(snapshot(HttpMethod.PUT, type, name, snapshot).json(content).ifMatch(etag).build());
    }

    /**
     * Changes only the given fields of a snapshot.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getSnapshotWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<Void> patchSnapshot(String type, String name, String snapshot, Object changes, @Nullable String etag) {
        Names.required("changes", changes);
        return calls.run(snapshot(HttpMethod.PATCH, type, name, snapshot).json(changes).ifMatch(etag).build());
    }

    /**
     * Deletes a snapshot.
     *
     * @param type the volume type
     * @param name the volume name
     * @param snapshot the snapshot name
     * @return the deletion's operation
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/snapshots/{snapshotName}")
    public Mono<OperationHandle> deleteSnapshot(String type, String name, String snapshot) {
        return calls.async(snapshot(HttpMethod.DELETE, type, name, snapshot).build());
    }

    private IncusRequest.Builder snapshot(HttpMethod method, String type, String name, String snapshot) {
        return volume(method, SNAPSHOT, type, name).path("snapshotName", "snapshot", snapshot);
    }

    /** {@code /1.0/storage-pools/p/volumes/custom/v1?project=x} becomes {@code custom/v1}. */
    private static List<String> typedNames(List<String> urls) {
        List<String> names = new ArrayList<>(urls.size());
        for (String url : urls) {
            String path;
            try {
                path = new URI(url).getPath();
            } catch (URISyntaxException e) {
                throw new IncusProtocolException(200, "the daemon listed a malformed volume URL '" + url + "'", e);
            }
            int volumes = path == null ? -1 : path.indexOf("/volumes/");
            if (volumes < 0) {
                throw new IncusProtocolException(200, "the daemon listed '" + url + "' as a volume", null);
            }
            names.add(path.substring(volumes + "/volumes/".length()));
        }
        return names;
    }
}
