package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageVolumeBitmap;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The dirty bitmaps of one block volume:
 * {@code /1.0/storage-pools/{pool}/volumes/{type}/{volume}/bitmaps}, reached with
 * {@link StorageVolumesApi#bitmaps(String, String)}. A bitmap records which blocks changed since it
 * was made; an NBD reader of the volume uses it for incremental backups.
 *
 * <p>They need the API extension {@value #EXTENSION}, which Incus 6.0 does not have: every call
 * checks it first and fails with {@link io.github.incus4j.client.exception.IncusUnsupportedException}
 * naming it, without sending anything.
 */
public final class StorageVolumeBitmapsApi {

    /** The API extension bitmaps need. */
    public static final String EXTENSION = "storage_volume_nbd";

    private final NamedCollection<StorageVolumeBitmap> bitmaps;

    /**
     * Creates the API for one volume.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param volume the volume's template variables, checked ({@link StorageVolumesApi#scope})
     */
    StorageVolumeBitmapsApi(Calls calls, Map<String, String> volume) {
        this.bitmaps = new NamedCollection<>(calls, "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps",
                "bitmapName", volume, StorageVolumeBitmap.class).requiring(EXTENSION);
    }

    /**
     * Lists the bitmap names ({@code recursion=0}).
     *
     * @return the bitmap names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps")
    public Mono<List<String>> listNames() {
        return bitmaps.names(ListOptions.NONE);
    }

    /**
     * Lists the bitmaps ({@code recursion=1}).
     *
     * @return the bitmaps
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps?recursion=1")
    public Mono<List<StorageVolumeBitmap>> list() {
        return bitmaps.list(ListOptions.NONE);
    }

    /**
     * Reads a bitmap.
     *
     * @param bitmap the bitmap name
     * @return the bitmap; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps/{bitmapName}")
    public Mono<StorageVolumeBitmap> get(String bitmap) {
        return bitmaps.get(bitmap).map(ETagged::value);
    }

    /**
     * Makes a bitmap; the daemon answers once it exists.
     *
     * @param bitmap name, granularity, persistence and whether it starts disabled
     * @return completes when made
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps")
    public Mono<Void> create(StorageVolumeBitmapsPost bitmap) {
        Names.required("bitmap", bitmap);
        Names.segment("bitmap.name", bitmap.name());
        return bitmaps.create(bitmap);
    }

    /**
     * Deletes a bitmap.
     *
     * @param bitmap the bitmap name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps/{bitmapName}")
    public Mono<Void> delete(String bitmap) {
        return bitmaps.delete(bitmap);
    }
}
