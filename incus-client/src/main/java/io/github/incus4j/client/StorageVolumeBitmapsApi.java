package io.github.incus4j.client;

import io.github.incus4j.client.model.StorageVolumeBitmap;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * Dirty bitmaps of the block volumes of one storage pool:
 * {@code /1.0/storage-pools/{pool}/volumes/{type}/{volume}/bitmaps}. A bitmap records which blocks
 * changed since it was made; an NBD reader of the volume uses it for incremental backups.
 *
 * <p>They need the API extension {@value #EXTENSION}, which Incus 6.0 does not have; when the
 * client was given the server's extensions, every call checks it first and fails with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} without sending anything.
 */
public final class StorageVolumeBitmapsApi {

    /** The API extension bitmaps need. */
    public static final String EXTENSION = "storage_volume_nbd";

    private static final String COLLECTION = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps";

    private final Calls calls;
    private final String pool;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageVolumeBitmapsApi(Calls calls, String pool) {
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
    }

    /**
     * Lists the bitmap names of a volume ({@code recursion=0}).
     *
     * @param type the volume type ({@code custom} or {@code virtual-machine})
     * @param volume the volume name
     * @return the bitmap names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps")
    public Mono<List<String>> listNames(String type, String volume) {
        return calls.requiring(EXTENSION, calls.names(collection(HttpMethod.GET, type, volume).build()));
    }

    /**
     * Lists the bitmaps of a volume ({@code recursion=1}).
     *
     * @param type the volume type
     * @param volume the volume name
     * @return the bitmaps
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps?recursion=1")
    public Mono<List<StorageVolumeBitmap>> list(String type, String volume) {
        return calls.requiring(EXTENSION, calls.list(collection(HttpMethod.GET, type, volume)
                .query("recursion", "1").build(), Calls.listOf(StorageVolumeBitmap.class)));
    }

    /**
     * Reads a bitmap.
     *
     * @param type the volume type
     * @param volume the volume name
     * @param bitmap the bitmap name
     * @return the bitmap; {@link io.github.incus4j.client.exception.IncusNotFoundException} if there is none
     */
    @Endpoint(method = "GET",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps/{bitmapName}")
    public Mono<StorageVolumeBitmap> get(String type, String volume, String bitmap) {
        return calls.requiring(EXTENSION, calls.object(one(HttpMethod.GET, type, volume, bitmap).build(),
                StorageVolumeBitmap.class));
    }

    /**
     * Makes a bitmap; the daemon answers once it exists.
     *
     * @param type the volume type
     * @param volume the volume name
     * @param bitmap name, granularity, persistence and whether it starts disabled
     * @return completes when made
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps")
    public Mono<Void> create(String type, String volume, StorageVolumeBitmapsPost bitmap) {
        Names.required("bitmap", bitmap);
        Names.segment("bitmap.name", bitmap.name());
        return calls.requiring(EXTENSION, calls.run(collection(HttpMethod.POST, type, volume).json(bitmap).build()));
    }

    /**
     * Deletes a bitmap.
     *
     * @param type the volume type
     * @param volume the volume name
     * @param bitmap the bitmap name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE",
            path = "/1.0/storage-pools/{poolName}/volumes/{type}/{volumeName}/bitmaps/{bitmapName}")
    public Mono<Void> delete(String type, String volume, String bitmap) {
        return calls.requiring(EXTENSION, calls.run(one(HttpMethod.DELETE, type, volume, bitmap).build()));
    }

    private IncusRequest.Builder collection(HttpMethod method, String type, String volume) {
        return IncusRequest.of(method, COLLECTION).path("poolName", "pool", pool).path("type", "type", type)
                .path("volumeName", "volume", volume);
    }

    private IncusRequest.Builder one(HttpMethod method, String type, String volume, String bitmap) {
        return IncusRequest.of(method, COLLECTION + "/{bitmapName}").path("poolName", "pool", pool)
                .path("type", "type", type).path("volumeName", "volume", volume).path("bitmapName", "bitmap", bitmap);
    }
}
