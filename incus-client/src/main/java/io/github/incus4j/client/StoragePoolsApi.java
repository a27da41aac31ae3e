package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StoragePool;
import io.github.incus4j.client.model.StoragePoolPut;
import io.github.incus4j.client.model.StoragePoolResources;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Storage pools: {@code /1.0/storage-pools}. A pool's volumes are reached with
 * {@link #volumes(String)}, its S3 buckets with {@link #buckets(String)}.
 *
 * <pre>{@code
 * List<String> pools = incus.storagePools().listNames().block();
 * StorageVolume data = incus.storagePools().volumes("default").get("custom", "data").block();
 * }</pre>
 */
public final class StoragePoolsApi {

    private final Calls calls;
    private final NamedCollection<StoragePool> pools;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    StoragePoolsApi(Calls calls) {
        this.calls = calls;
        this.pools = new NamedCollection<>(calls, "/1.0/storage-pools", "poolName", Map.of(),
                StoragePool.class);
    }

    /**
     * Lists the pool names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
    }

    /**
     * Lists the pool names ({@code recursion=0}).
     *
     * @param options a filter
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools")
    public Mono<List<String>> listNames(ListOptions options) {
        return pools.names(options);
    }

    /**
     * Lists the pools ({@code recursion=1}).
     *
     * @return the pools
     */
    public Mono<List<StoragePool>> list() {
        return list(ListOptions.NONE);
    }

    /**
     * Lists the pools ({@code recursion=1}).
     *
     * @param options a filter
     * @return the pools
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools?recursion=1")
    public Mono<List<StoragePool>> list(ListOptions options) {
        return pools.list(options);
    }

    /**
     * Reads a pool.
     *
     * @param name the pool name
     * @return the pool
     */
    public Mono<StoragePool> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads a pool with its ETag.
     *
     * @param name the pool name
     * @return the pool and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}")
    public Mono<ETagged<StoragePool>> getWithEtag(String name) {
        return pools.get(name);
    }

    /**
     * Creates a pool.
     *
     * @param name the pool name
     * @param driver {@code dir}, {@code zfs}, {@code btrfs}, {@code lvm}, {@code ceph}, ...
     * @param pool the description and configuration (such as {@code source} or {@code size})
     * @return completes when created
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools")
    public Mono<Void> create(String name, String driver, StoragePoolPut pool) {
        Names.segment("name", name);
        Names.segment("driver", driver);
        Names.required("pool", pool);
        return pools.create(Calls.named(name, pool).put("driver", driver));
    }

    /**
     * Replaces a pool's description and configuration.
     *
     * @param name the pool name
     * @param pool the new content, typically from {@link StoragePool#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/storage-pools/{poolName}")
    public Mono<Void> update(String name, StoragePoolPut pool, @Nullable String etag) {
        return pools.update(name, pool, etag);
    }

    /**
     * Changes only the given fields of a pool.
     *
     * @param name the pool name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/storage-pools/{poolName}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return pools.patch(name, changes, etag);
    }

    /**
     * Deletes a pool that holds no volumes and that no profile uses (Incus 6.0.4: HTTP 400 "The
     * storage pool is currently in use" otherwise).
     *
     * @param name the pool name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{poolName}")
    public Mono<Void> delete(String name) {
        return pools.delete(name);
    }

    /**
     * Reads a pool's space and inode usage.
     *
     * @param name the pool name
     * @return the usage
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{name}/resources")
    public Mono<StoragePoolResources> resources(String name) {
        return pools.calls().object(IncusRequest.get("/1.0/storage-pools/{name}/resources")
                .path("name", "name", name).build(), StoragePoolResources.class);
    }

    /**
     * The volumes of one pool.
     *
     * @param pool the pool name
     * @return the volumes API of that pool
     */
    public StorageVolumesApi volumes(String pool) {
        return new StorageVolumesApi(calls, pool);
    }

    /**
     * The S3 buckets of one pool.
     *
     * @param pool the pool name
     * @return the buckets API of that pool
     */
    public StorageBucketsApi buckets(String pool) {
        return new StorageBucketsApi(calls, pool);
    }
}
