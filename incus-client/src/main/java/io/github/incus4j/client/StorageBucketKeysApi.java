package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageBucketKey;
import io.github.incus4j.client.model.StorageBucketKeyPut;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The access keys of one S3 bucket: {@code /1.0/storage-pools/{pool}/buckets/{bucket}/keys},
 * reached with {@link StorageBucketsApi#keys(String)}. Every call needs the API extension
 * {@value StorageBucketsApi#EXTENSION}.
 */
public final class StorageBucketKeysApi {

    private final Calls calls;
    private final NamedCollection<StorageBucketKey> keys;

    /**
     * Creates the API for one bucket.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param bucket the bucket's template variables ({@code poolName}, {@code bucketName}), checked
     */
    StorageBucketKeysApi(Calls calls, Map<String, String> bucket) {
        this.calls = calls;
        this.keys = new NamedCollection<>(calls, "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys", "keyName",
                bucket, StorageBucketKey.class).requiring(StorageBucketsApi.EXTENSION);
    }

    /**
     * Lists the key names ({@code recursion=0}).
     *
     * @return the key names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys")
    public Mono<List<String>> listNames() {
        return keys.names(ListOptions.NONE);
    }

    /**
     * Lists the keys, with their secrets ({@code recursion=1}).
     *
     * @return the keys
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys?recursion=1")
    public Mono<List<StorageBucketKey>> list() {
        return keys.list(ListOptions.NONE);
    }

    /**
     * Reads a key.
     *
     * @param key the key name
     * @return the key
     */
    public Mono<StorageBucketKey> get(String key) {
        return getWithEtag(key).map(ETagged::value);
    }

    /**
     * Reads a key with its ETag.
     *
     * @param key the key name
     * @return the key and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys/{keyName}")
    public Mono<ETagged<StorageBucketKey>> getWithEtag(String key) {
        return keys.get(Names.segment("key", key));
    }

    /**
     * Creates a key.
     *
     * @param name the key name
     * @param key the role, description and, optionally, the credentials (generated when empty)
     * @return the key with its credentials
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys")
    public Mono<StorageBucketKey> create(String name, StorageBucketKeyPut key) {
        Names.segment("name", name);
        Names.required("key", key);
        return keys.guarded(StorageBucketsApi.key(calls, keys.collection(HttpMethod.POST)
                .json(Calls.named(name, key)).build()));
    }

    /**
     * Replaces a key's description, role and credentials.
     *
     * @param name the key name
     * @param key the new content, typically from {@link StorageBucketKey#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/storage-pools/{name}/buckets/{bucketName}/keys/{keyName}")
    public Mono<Void> update(String name, StorageBucketKeyPut key, @Nullable String etag) {
        Names.required("key", key);
        return keys.update(name, key, etag);
    }

    /**
     * Deletes a key; S3 clients that use it are refused from then on.
     *
     * @param name the key name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{name}/buckets/{bucketName}/keys/{keyName}")
    public Mono<Void> delete(String name) {
        return keys.delete(name);
    }
}
