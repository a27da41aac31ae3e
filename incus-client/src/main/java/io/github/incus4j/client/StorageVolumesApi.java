package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageVolume;
import io.github.incus4j.client.model.StorageVolumeFull;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.client.model.StorageVolumeState;
import io.github.incus4j.client.model.StorageVolumesPost;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The volumes of one storage pool: {@code /1.0/storage-pools/{pool}/volumes}, of every type
 * ({@value #CUSTOM}, {@code image}, {@code container}, {@code virtual-machine}).
 *
 * <pre>{@code
 * StorageVolumesApi volumes = incus.storagePools().volumes("default");
 * volumes.create("data", "filesystem", StorageVolumePut.empty().withConfig("size", "1GiB"))
 *         .flatMap(operation -> operation.await(Duration.ofMinutes(1))).block();
 * volumes.snapshots(StorageVolumesApi.CUSTOM, "data").create("before-upgrade", null)
 *         .flatMap(operation -> operation.await(Duration.ofMinutes(1))).block();
 * }</pre>
 *
 * <p>Only custom volumes are created, imported, renamed and deleted here; the others come and go
 * with their instance or image, but can be read, updated and snapshotted alike. What lies under one
 * volume is reached with that volume's type and name: {@link #snapshots}, {@link #bitmaps},
 * {@link #connections}, and for custom volumes {@link #backups} and {@link #files}.
 */
public final class StorageVolumesApi {

    /** The type of volumes users create. */
    public static final String CUSTOM = "custom";

    /** The API extension full reads (a volume with its snapshots, backups and state) need; not in Incus 6.0. */
    public static final String FULL_EXTENSION = "storage_volume_full";

    /** The API extension {@link #rebuild} needs; not in Incus 6.0. */
    public static final String REBUILD_EXTENSION = "storage_volumes_rebuild";

    /** The API extension {@link #importBackup} under another name needs. */
    public static final String IMPORT_NAME_EXTENSION = "backup_override_name";

    /** The API extension {@link #importIso} needs. */
    public static final String ISO_EXTENSION = "custom_volume_iso";

    private static final String POOL_VOLUMES = "/1.0/storage-pools/{poolName}/volumes";
    private static final String OF_TYPE = POOL_VOLUMES + "/{type}";

    private final Calls calls;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumesApi(Calls calls, String pool) {
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
    }

    /**
     * The snapshots of one volume.
     *
     * @param type the volume type, such as {@value #CUSTOM}
     * @param volume the volume name
     * @return the snapshots API of that volume
     */
    public StorageVolumeSnapshotsApi snapshots(String type, String volume) {
        return new StorageVolumeSnapshotsApi(calls, scope(pool, type, volume));
    }

    /**
     * The backups of one custom volume, stored by the daemon and downloaded from it. A backup
     * becomes a new volume with {@link #importBackup}.
     *
     * @param volume the custom volume's name
     * @return the backups API of that volume
     */
    public StorageVolumeBackupsApi backups(String volume) {
        return new StorageVolumeBackupsApi(calls, scope(pool, CUSTOM, volume));
    }

    /**
     * The files in one custom volume, without an instance.
     *
     * @param volume the custom volume's name
     * @return the files API of that volume
     */
    public StorageVolumeFilesApi files(String volume) {
        return new StorageVolumeFilesApi(calls, scope(pool, CUSTOM, volume));
    }

    /**
     * The dirty bitmaps of one block volume.
     *
     * @param type the volume type ({@value #CUSTOM} or {@code virtual-machine})
     * @param volume the volume name
     * @return the bitmaps API of that volume
     */
    public StorageVolumeBitmapsApi bitmaps(String type, String volume) {
        return new StorageVolumeBitmapsApi(calls, scope(pool, type, volume));
    }

    /**
     * Raw SFTP and NBD connections to one volume.
     *
     * @param type the volume type
     * @param volume the volume name
     * @return the connections API of that volume
     */
    public StorageVolumeConnectionsApi connections(String type, String volume) {
        return new StorageVolumeConnectionsApi(calls, scope(pool, type, volume));
    }

    /**
     * Lists the volumes of every type as {@code type/name} ({@code recursion=0}).
     *
     * @return the volumes as {@code type/name}
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the volumes of every type as {@code type/name} ({@code recursion=0}); the volume of an
     * instance's snapshot reads {@code container/c1/snapshots/snap0} (Incus 6.0.4).
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
     * @return the volumes
     */
    public Mono<List<StorageVolume>> list() {
        return list(ListOptions.NONE);
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
                .query("recursion", "1")).build(), Calls.listOf(StorageVolume.class));
    }

    /**
     * Lists the volume names of one type ({@code recursion=0}).
     *
     * @param type the volume type, such as {@value #CUSTOM}
     * @return the names
     */
    public Mono<List<String>> listNames(String type) {
        return listNames(type, ListOptions.NONE);
    }

    /**
     * Lists the volume names of one type ({@code recursion=0}); the volume of an instance's
     * snapshot reads {@code c1/snapshots/snap0} (Incus 6.0.4).
     *
     * @param type the volume type, such as {@value #CUSTOM}
     * @param options filter and project selection
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<List<String>> listNames(String type, ListOptions options) {
        IncusRequest request = Names.required("options", options).applyTo(ofType(type).collection(HttpMethod.GET))
                .build();
        return calls.<String>list(request, Calls.listOf(String.class)).map(StorageVolumesApi::typedNames)
                .map(names -> names.stream().map(typed -> typed.substring(typed.indexOf('/') + 1)).toList());
    }

    /**
     * Lists the volumes of one type ({@code recursion=1}).
     *
     * @param type the volume type
     * @return the volumes
     */
    public Mono<List<StorageVolume>> list(String type) {
        return list(type, ListOptions.NONE);
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
        return ofType(type).list(options);
    }

    /**
     * Lists the volumes of one type with their snapshots, backups and state ({@code recursion=2};
     * API extension {@value #FULL_EXTENSION}, not in Incus 6.0).
     *
     * @param type the volume type
     * @return the volumes
     */
    public Mono<List<StorageVolumeFull>> listFull(String type) {
        return listFull(type, ListOptions.NONE);
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
        IncusRequest request = Names.required("options", options).applyTo(ofType(type).collection(HttpMethod.GET)
                .query("recursion", "2")).build();
        return calls.requiring(FULL_EXTENSION, calls.list(request, Calls.listOf(StorageVolumeFull.class)));
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
        return ofType(type).get(name);
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
        return calls.requiring(FULL_EXTENSION, calls.tagged(ofType(type).one(HttpMethod.GET, "", name)
                .query("recursion", "1").build(), StorageVolumeFull.class));
    }

    /**
     * Creates an empty custom volume. Incus 6.0 creates it before it answers; a daemon that answers
     * with an operation gives a handle to await.
     *
     * @param name the volume name
     * @param contentType {@code filesystem} or {@code block}
     * @param volume the description and configuration (such as {@code size})
     * @return the creation's operation, already complete when the daemon answered at once
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> create(String name, String contentType, StorageVolumePut volume) {
        Names.segment("name", name);
        Names.segment("contentType", contentType);
        Names.required("volume", volume);
        return calls.syncOrAsync(ofType(CUSTOM).collection(HttpMethod.POST)
                .json(Calls.named(name, volume).put("content_type", contentType)).build());
    }

    /**
     * Creates a custom volume from the full creation body, sent to the untyped collection
     * ({@code POST /1.0/storage-pools/{pool}/volumes}, the type in the body): above all a copy of
     * another volume, with or without its snapshots, from this or another pool or project, or a
     * refresh of an earlier copy. A copy runs in the background; an empty volume is created at once
     * and gives a handle that is already complete. Measured on Incus 6.0.4, a copy gets the body's
     * configuration, not its source's (this client always sends one, empty unless set), and the
     * body's description, or its source's when the body's is empty.
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
     * Makes a new custom volume from a backup tarball (the raw file as
     * {@code application/octet-stream}), streaming the file.
     *
     * @param tarball a backup as written by {@link StorageVolumeBackupsApi#export} or
     *     {@code incus storage volume export}
     * @param name the new volume's name; empty keeps the name recorded in the backup (another name
     *     needs the API extension {@value #IMPORT_NAME_EXTENSION})
     * @return the import's operation; a name in use fails it with the daemon's text
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> importBackup(Path tarball, String name) {
        Downloads.requireFile("tarball", tarball);
        Names.required("name", name);
        IncusRequest.Builder request = ofType(CUSTOM).collection(HttpMethod.POST);
        if (!name.isEmpty()) {
            request.header("X-Incus-name", Names.segment("name", name));
        }
        Mono<OperationHandle> call = calls.requiring(StorageVolumeBackupsApi.EXTENSION,
                calls.asyncUpload(request, tarball));
        return name.isEmpty() ? call : calls.requiring(IMPORT_NAME_EXTENSION, call);
    }

    /**
     * Makes a new custom volume of content type {@code iso} from an ISO image (API extension
     * {@value #ISO_EXTENSION}), streaming the file. Such a volume is attached to virtual machines
     * as a CD-ROM.
     *
     * @param iso the ISO image
     * @param name the new volume's name
     * @return the import's operation
     * @throws IllegalArgumentException if the file is not a readable regular file or the name is blank
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}")
    public Mono<OperationHandle> importIso(Path iso, String name) {
        Downloads.requireFile("iso", iso);
        IncusRequest.Builder request = ofType(CUSTOM).collection(HttpMethod.POST)
                .header("X-Incus-name", Names.segment("name", name)).header("X-Incus-type", "iso");
        return calls.requiring(ISO_EXTENSION, calls.asyncUpload(request, iso));
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
        return calls.requiring(REBUILD_EXTENSION, calls.async(ofType(type).one(HttpMethod.POST, "/rebuild", name)
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
        return ofType(type).update(name, volume, etag);
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
        return ofType(type).patch(name, changes, etag);
    }

    /**
     * Renames a custom volume within its pool. Measured on Incus 6.0.4: refused while a running
     * instance uses it ("Volume is still in use by running instances"); when a stopped instance
     * uses it, its disk device follows the new name, but the daemon took 30 s to answer, as long as
     * the client's default response timeout, so raise that
     * ({@link IncusClientBuilder#responseTimeout}) for such a rename.
     *
     * @param name the current name
     * @param newName the new name
     * @return the rename's operation, already complete when the daemon answered at once
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<OperationHandle> rename(String name, String newName) {
        Names.segment("newName", newName);
        return calls.syncOrAsync(ofType(CUSTOM).one(HttpMethod.POST, "", name).json(Map.of("name", newName)).build());
    }

    /**
     * Deletes a custom volume that no instance uses: Incus 6.0.4 refuses one that a disk device
     * names, even of a stopped instance (HTTP 400 "The storage volume is still in use").
     *
     * @param name the volume name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}")
    public Mono<Void> delete(String name) {
        return ofType(CUSTOM).delete(name);
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
        return calls.object(ofType(type).one(HttpMethod.GET, "/state", name).build(), StorageVolumeState.class);
    }

    /**
     * The template variables of one volume's URL, checked, for the classes of what lies under it.
     *
     * @param pool the pool name, already checked
     * @param type the volume type
     * @param volume the volume name
     * @return {@code poolName}, {@code type} and {@code volumeName}
     */
    static Map<String, String> scope(String pool, String type, String volume) {
        Map<String, String> scope = new LinkedHashMap<>();
        scope.put("poolName", pool);
        scope.put("type", Names.segment("type", type));
        scope.put("volumeName", Names.segment("volume", volume));
        return scope;
    }

    private NamedCollection<StorageVolume> ofType(String type) {
        return new NamedCollection<>(calls, OF_TYPE, "volumeName",
                Map.of("poolName", pool, "type", Names.segment("type", type)), StorageVolume.class);
    }

    private IncusRequest.Builder at(HttpMethod method, String template) {
        return IncusRequest.of(method, template).path("poolName", "pool", pool);
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
