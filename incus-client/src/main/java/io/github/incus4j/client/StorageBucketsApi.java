package io.github.incus4j.client;

import io.github.incus4j.client.model.StorageBucket;
import io.github.incus4j.client.model.StorageBucketFull;
import io.github.incus4j.client.model.StorageBucketKey;
import io.github.incus4j.client.model.StorageBucketKeyPut;
import io.github.incus4j.client.model.StorageBucketPut;
import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The S3 buckets of one storage pool and their access keys:
 * {@code /1.0/storage-pools/{pool}/buckets} and {@code .../buckets/{bucket}/keys}. Their backups are
 * reached with {@link #backups()}.
 *
 * <pre>{@code
 * StorageBucketsApi buckets = client.storageBuckets("s3pool");
 * StorageBucketKey admin = buckets.create("artifacts", StorageBucketPut.empty().withConfig("size", "10GiB")).block();
 * StorageBucketKey reader = buckets.createKey("artifacts", "ci", StorageBucketKeyPut.of(StorageBucketKeyPut.READ_ONLY))
 *         .block();
 * }</pre>
 *
 * <p>Buckets need a pool whose driver serves S3: {@code cephobject}, or a local pool once the server
 * has {@code core.storage_buckets_address} set and the MinIO tools installed. Incus 6.0 lists the
 * buckets of a {@code dir} pool (none) but refuses to create one without MinIO ("Couldn't find the
 * MinIO client tool"). Every call needs the API extension {@value #EXTENSION}; listing all projects,
 * full reads and imports need the extensions named on their methods. When the client was given the
 * server's extensions, a missing one fails the call with
 * {@link io.github.incus4j.client.exception.IncusUnsupportedException} before anything is sent.
 */
public final class StorageBucketsApi {

    /** The API extension buckets need. */
    public static final String EXTENSION = "storage_buckets";

    /** The API extension listing the buckets of every project needs. */
    public static final String ALL_PROJECTS_EXTENSION = "storage_buckets_all_projects";

    /** The API extension full reads (a bucket with its keys and backups) need; not in Incus 6.0. */
    public static final String FULL_EXTENSION = "storage_bucket_full";

    private static final String BUCKETS = "/1.0/storage-pools/{poolName}/buckets";
    private static final String KEYS = BUCKETS + "/{bucketName}/keys";

    private final IncusHttp http;
    private final @Nullable ApiExtensions extensions;
    private final Calls calls;
    private final String pool;
    private final NamedCollection<StorageBucket> buckets;

    /**
     * Creates the API for one pool.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param pool the pool name
     */
    StorageBucketsApi(Calls calls, String pool) {
        this.http = calls.http();
        this.extensions = calls.extensions();
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
        this.buckets = new NamedCollection<>(calls, BUCKETS, "bucketName", Map.of("poolName", this.pool),
                StorageBucket.class);
    }

    /**
     * The backups of this pool's buckets.
     *
     * @return the bucket backups API of this pool
     */
    public StorageBucketBackupsApi backups() {
        return new StorageBucketBackupsApi(calls, pool);
    }

    /**
     * Lists the bucket names ({@code recursion=0}).
     *
     * @param options filter and project selection ({@code allProjects} needs {@value #ALL_PROJECTS_EXTENSION})
     * @return the names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets")
    public Mono<List<String>> listNames(ListOptions options) {
        return listing(options, buckets.names(options));
    }

    /**
     * Lists the buckets ({@code recursion=1}).
     *
     * @param options filter and project selection ({@code allProjects} needs {@value #ALL_PROJECTS_EXTENSION})
     * @return the buckets
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets?recursion=1")
    public Mono<List<StorageBucket>> list(ListOptions options) {
        return listing(options, buckets.list(options));
    }

    /**
     * Lists the buckets with their keys and backups ({@code recursion=2}; API extension
     * {@value #FULL_EXTENSION}, not in Incus 6.0).
     *
     * @param options filter and project selection
     * @return the buckets
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets?recursion=2")
    public Mono<List<StorageBucketFull>> listFull(ListOptions options) {
        IncusRequest request = Names.required("options", options).applyTo(buckets.collection(HttpMethod.GET)
                .query("recursion", "2")).build();
        return calls.requiring(FULL_EXTENSION, listing(options,
                calls.list(request, Calls.listOf(StorageBucketFull.class))));
    }

    /**
     * Reads a bucket.
     *
     * @param name the bucket name
     * @return the bucket
     */
    public Mono<StorageBucket> get(String name) {
        return getWithEtag(name).map(ETagged::value);
    }

    /**
     * Reads a bucket with its ETag.
     *
     * @param name the bucket name
     * @return the bucket and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}")
    public Mono<ETagged<StorageBucket>> getWithEtag(String name) {
        return calls.requiring(EXTENSION, buckets.get(name));
    }

    /**
     * Reads a bucket with its keys and backups and its ETag ({@code recursion=1}; API extension
     * {@value #FULL_EXTENSION}, not in Incus 6.0).
     *
     * @param name the bucket name
     * @return the bucket and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}?recursion=1")
    public Mono<ETagged<StorageBucketFull>> getFull(String name) {
        return calls.requiring(EXTENSION, calls.requiring(FULL_EXTENSION, calls.tagged(
                buckets.one(HttpMethod.GET, "", name).query("recursion", "1").build(), StorageBucketFull.class)));
    }

    /**
     * Creates a bucket. The daemon answers with the bucket's first key, of role {@code admin}: the
     * only time its secret is handed out unasked.
     *
     * @param name the bucket name (S3 rules: lower case letters, digits, dots and dashes)
     * @param bucket the description and configuration (such as {@code size})
     * @return the admin key; empty from a daemon without {@code storage_buckets_create_credentials}
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets")
    public Mono<StorageBucketKey> create(String name, StorageBucketPut bucket) {
        Names.segment("name", name);
        Names.required("bucket", bucket);
        return calls.requiring(EXTENSION, key(buckets.collection(HttpMethod.POST).json(Calls.named(name, bucket))
                .build()));
    }

    /**
     * Makes a new bucket from a backup tarball (the raw file as {@code application/octet-stream}),
     * streaming the file (API extension {@value StorageBucketBackupsApi#EXTENSION}).
     *
     * @param tarball a backup as written by {@link StorageBucketBackupsApi#export}
     * @param name the new bucket's name; empty keeps the name recorded in the backup
     * @return the import's operation
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets")
    public Mono<OperationHandle> importBucket(Path tarball, String name) {
        Downloads.requireFile("tarball", tarball);
        Names.required("name", name);
        IncusRequest.Builder request = buckets.collection(HttpMethod.POST).body(Downloads.upload(tarball));
        if (!name.isEmpty()) {
            request.header("X-Incus-name", Names.segment("name", name));
        }
        return calls.requiring(StorageBucketBackupsApi.EXTENSION, Mono.fromCallable(() -> Downloads.size(tarball))
                .flatMap(size -> calls.async(request.copy().header(HttpHeaders.CONTENT_LENGTH, Long.toString(size))
                        .build())));
    }

    /**
     * Replaces a bucket's description and configuration.
     *
     * @param name the bucket name
     * @param bucket the new content, typically from {@link StorageBucket#toPut()}
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/storage-pools/{name}/buckets/{bucketName}")
    public Mono<Void> update(String name, StorageBucketPut bucket, @Nullable String etag) {
        Names.required("bucket", bucket);
        return calls.requiring(EXTENSION, buckets.update(name, bucket, etag));
    }

    /**
     * Changes only the given fields of a bucket.
     *
     * @param name the bucket name
     * @param changes the fields to change, JSON-shaped
     * @param etag the ETag from {@link #getWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PATCH", path = "/1.0/storage-pools/{name}/buckets/{bucketName}")
    public Mono<Void> patch(String name, Object changes, @Nullable String etag) {
        return calls.requiring(EXTENSION, buckets.patch(name, changes, etag));
    }

    /**
     * Deletes a bucket and everything in it.
     *
     * @param name the bucket name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{name}/buckets/{bucketName}")
    public Mono<Void> delete(String name) {
        return calls.requiring(EXTENSION, buckets.delete(name));
    }

    /**
     * Lists the key names of a bucket ({@code recursion=0}).
     *
     * @param bucket the bucket name
     * @return the key names
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys")
    public Mono<List<String>> listKeyNames(String bucket) {
        return calls.requiring(EXTENSION, keys(bucket).names(ListOptions.NONE));
    }

    /**
     * Lists the keys of a bucket, with their secrets ({@code recursion=1}).
     *
     * @param bucket the bucket name
     * @return the keys
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys?recursion=1")
    public Mono<List<StorageBucketKey>> listKeys(String bucket) {
        return calls.requiring(EXTENSION, keys(bucket).list(ListOptions.NONE));
    }

    /**
     * Reads a key.
     *
     * @param bucket the bucket name
     * @param key the key name
     * @return the key
     */
    public Mono<StorageBucketKey> getKey(String bucket, String key) {
        return getKeyWithEtag(bucket, key).map(ETagged::value);
    }

    /**
     * Reads a key with its ETag.
     *
     * @param bucket the bucket name
     * @param key the key name
     * @return the key and its ETag
     */
    @Endpoint(method = "GET", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys/{keyName}")
    public Mono<ETagged<StorageBucketKey>> getKeyWithEtag(String bucket, String key) {
        return calls.requiring(EXTENSION, keys(bucket).get(Names.segment("key", key)));
    }

    /**
     * Creates a key.
     *
     * @param bucket the bucket name
     * @param name the key name
     * @param key the role, description and, optionally, the credentials (generated when empty)
     * @return the key with its credentials
     */
    @Endpoint(method = "POST", path = "/1.0/storage-pools/{poolName}/buckets/{bucketName}/keys")
    public Mono<StorageBucketKey> createKey(String bucket, String name, StorageBucketKeyPut key) {
        Names.segment("name", name);
        Names.required("key", key);
        return calls.requiring(EXTENSION, key(keys(bucket).collection(HttpMethod.POST).json(Calls.named(name, key))
                .build()));
    }

    /**
     * Replaces a key's description, role and credentials.
     *
     * @param bucket the bucket name
     * @param name the key name
     * @param key the new content, typically from {@link StorageBucketKey#toPut()}
     * @param etag the ETag from {@link #getKeyWithEtag}, or {@code null}
     * @return completes when applied
     */
    @Endpoint(method = "PUT", path = "/1.0/storage-pools/{name}/buckets/{bucketName}/keys/{keyName}")
    public Mono<Void> updateKey(String bucket, String name, StorageBucketKeyPut key, @Nullable String etag) {
        Names.required("key", key);
        return calls.requiring(EXTENSION, keys(bucket).update(name, key, etag));
    }

    /**
     * Deletes a key; S3 clients that use it are refused from then on.
     *
     * @param bucket the bucket name
     * @param name the key name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{name}/buckets/{bucketName}/keys/{keyName}")
    public Mono<Void> deleteKey(String bucket, String name) {
        return calls.requiring(EXTENSION, keys(bucket).delete(name));
    }

    private NamedCollection<StorageBucketKey> keys(String bucket) {
        return new NamedCollection<>(calls, KEYS, "keyName",
                Map.of("poolName", pool, "bucketName", Names.segment("bucket", bucket)), StorageBucketKey.class);
    }

    private <T> Mono<T> listing(ListOptions options, Mono<T> call) {
        Mono<T> checked = calls.requiring(EXTENSION, call);
        return options.allProjects() ? calls.requiring(ALL_PROJECTS_EXTENSION, checked) : checked;
    }

    /** A creation answer: the key in its metadata, or nothing from daemons that send none (or {@code {}}). */
    private Mono<StorageBucketKey> key(IncusRequest request) {
        return http.send(request).flatMap(response -> response.metadataKind() != IncusResponse.MetadataKind.OBJECT
                ? Mono.<StorageBucketKey>empty() : Mono.just(response.metadataAs(StorageBucketKey.class))
                        .filter(key -> !key.name().isEmpty() || !key.accessKey().isEmpty()));
    }
}
