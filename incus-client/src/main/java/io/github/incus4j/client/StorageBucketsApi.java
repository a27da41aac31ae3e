package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.IncusResponse;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.model.StorageBucket;
import io.github.incus4j.client.model.StorageBucketFull;
import io.github.incus4j.client.model.StorageBucketKey;
import io.github.incus4j.client.model.StorageBucketPut;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The S3 buckets of one storage pool: {@code /1.0/storage-pools/{pool}/buckets}, reached with
 * {@link StoragePoolsApi#buckets(String)}. A bucket's access keys are reached with
 * {@link #keys(String)}, its backups with {@link #backups(String)}.
 *
 * <pre>{@code
 * StorageBucketsApi buckets = incus.storagePools().buckets("s3pool");
 * StorageBucketKey admin = buckets.create("artifacts", StorageBucketPut.empty().withConfig("size", "10GiB")).block();
 * StorageBucketKey reader = buckets.keys("artifacts")
 *         .create("ci", StorageBucketKeyPut.of(StorageBucketKeyPut.READ_ONLY)).block();
 * }</pre>
 *
 * <p>Buckets need a pool whose driver serves S3: {@code cephobject}, or a local pool once the server
 * has {@code core.storage_buckets_address} set and the MinIO tools installed. Incus 6.0 lists the
 * buckets of a {@code dir} pool (none) but refuses to create one without MinIO ("Couldn't find the
 * MinIO client tool"). Every call needs the API extension {@value #EXTENSION}; listing all projects,
 * full reads and imports need the extensions named on their methods. A missing one fails the call
 * with {@link io.github.incus4j.client.exception.IncusUnsupportedException} before anything is sent.
 */
public final class StorageBucketsApi {

    /** The API extension buckets need. */
    public static final String EXTENSION = "storage_buckets";

    /** The API extension listing the buckets of every project needs. */
    public static final String ALL_PROJECTS_EXTENSION = "storage_buckets_all_projects";

    /** The API extension full reads (a bucket with its keys and backups) need; not in Incus 6.0. */
    public static final String FULL_EXTENSION = "storage_bucket_full";

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
        this.calls = calls;
        this.pool = Names.segment("pool", pool);
        this.buckets = new NamedCollection<>(calls, "/1.0/storage-pools/{poolName}/buckets", "bucketName",
                Map.of("poolName", this.pool), StorageBucket.class).requiring(EXTENSION);
    }

    /**
     * The access keys of one bucket.
     *
     * @param bucket the bucket name
     * @return the keys API of that bucket
     */
    public StorageBucketKeysApi keys(String bucket) {
        return new StorageBucketKeysApi(calls, scope(bucket));
    }

    /**
     * The backups of one bucket, stored by the daemon and downloaded from it. A backup becomes a
     * new bucket with {@link #importBackup}.
     *
     * @param bucket the bucket name
     * @return the backups API of that bucket
     */
    public StorageBucketBackupsApi backups(String bucket) {
        return new StorageBucketBackupsApi(calls, scope(bucket));
    }

    /**
     * Lists the bucket names ({@code recursion=0}).
     *
     * @return the names
     */
    public Mono<List<String>> listNames() {
        return listNames(ListOptions.NONE);
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
     * @return the buckets
     */
    public Mono<List<StorageBucket>> list() {
        return list(ListOptions.NONE);
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
     * @return the buckets
     */
    public Mono<List<StorageBucketFull>> listFull() {
        return listFull(ListOptions.NONE);
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
        return buckets.guarded(calls.requiring(FULL_EXTENSION, listing(options,
                calls.list(request, Calls.listOf(StorageBucketFull.class)))));
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
        return buckets.get(name);
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
        return buckets.guarded(calls.requiring(FULL_EXTENSION, calls.tagged(
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
        return buckets.guarded(key(calls, buckets.collection(HttpMethod.POST).json(Calls.named(name, bucket))
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
    public Mono<OperationHandle> importBackup(Path tarball, String name) {
        Downloads.requireFile("tarball", tarball);
        Names.required("name", name);
        IncusRequest.Builder request = buckets.collection(HttpMethod.POST);
        if (!name.isEmpty()) {
            request.header("X-Incus-name", Names.segment("name", name));
        }
        return calls.requiring(StorageBucketBackupsApi.EXTENSION, calls.asyncUpload(request, tarball));
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
        return buckets.update(name, bucket, etag);
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
        return buckets.patch(name, changes, etag);
    }

    /**
     * Deletes a bucket and everything in it.
     *
     * @param name the bucket name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/storage-pools/{name}/buckets/{bucketName}")
    public Mono<Void> delete(String name) {
        return buckets.delete(name);
    }

    /** Checks {@value #EXTENSION} before {@value #ALL_PROJECTS_EXTENSION}, which came later. */
    private <T> Mono<T> listing(ListOptions options, Mono<T> call) {
        return options.allProjects() ? buckets.guarded(calls.requiring(ALL_PROJECTS_EXTENSION, call)) : call;
    }

    private Map<String, String> scope(String bucket) {
        return Map.of("poolName", pool, "bucketName", Names.segment("bucket", bucket));
    }

    /** A creation answer: the key in its metadata, or nothing from daemons that send none (or {@code {}}). */
    static Mono<StorageBucketKey> key(Calls calls, IncusRequest request) {
        return calls.http().send(request).flatMap(response -> response.metadataKind()
                != IncusResponse.MetadataKind.OBJECT ? Mono.<StorageBucketKey>empty() : Mono.just(response.metadataAs(StorageBucketKey.class))
                        .filter(key -> !key.name().isEmpty() || !key.accessKey().isEmpty()));
    }
}
