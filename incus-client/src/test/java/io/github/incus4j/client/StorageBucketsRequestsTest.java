package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.async;
import static io.github.incus4j.client.WireMockIncus.error;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.StorageBucket;
import io.github.incus4j.client.model.StorageBucketBackup;
import io.github.incus4j.client.model.StorageBucketBackupsPost;
import io.github.incus4j.client.model.StorageBucketFull;
import io.github.incus4j.client.model.StorageBucketKey;
import io.github.incus4j.client.model.StorageBucketKeyPut;
import io.github.incus4j.client.model.StorageBucketPut;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Buckets, bucket keys and bucket backups against payloads shaped like the Incus 7.3 specification
 * (no S3 backend on the test machine): what the client sends and what it makes of the answers.
 */
class StorageBucketsRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ALL = "[\"storage_buckets\",\"storage_buckets_create_credentials\","
            + "\"storage_buckets_all_projects\",\"storage_bucket_backup\",\"storage_bucket_full\",\"direct_backup\"]";
    private static final String BUCKET = "{\"name\":\"artifacts\",\"description\":\"build output\","
            + "\"config\":{\"size\":\"10GiB\"},\"location\":\"none\",\"project\":\"default\","
            + "\"s3_url\":\"https://127.0.0.1:8555/artifacts\",\"user.future_field\":\"kept\"}";
    private static final String KEY = "{\"name\":\"ci\",\"description\":\"\",\"role\":\"read-only\","
            + "\"access-key\":\"AK123\",\"secret-key\":\"SK456\"}";

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private void extensions(String list) {
        wireMock.stubFor(get(urlEqualTo("/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"api_extensions\":" + list + ",\"auth\":\"trusted\"}"))));
    }

    @Test
    void listingSendsFilterAndAllProjectsAndReadsTypedBuckets() {
        extensions(ALL);
        wireMock.stubFor(get(urlPathEqualTo("/1.0/storage-pools/s3/buckets")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"/1.0/storage-pools/s3/buckets/artifacts?project=p2\"]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets?recursion=1&project=p1"))
                .willReturn(aResponse().withStatus(200).withBody(sync("[" + BUCKET + "]"))));

        List<String> names = client.storagePools().buckets("s3").listNames(ListOptions.filter(Filter.eq("name", "artifacts"))
                .inAllProjects()).block(WAIT);
        List<StorageBucket> buckets = client.project("p1").storagePools().buckets("s3").list(ListOptions.NONE).block(WAIT);

        assertThat(names).containsExactly("artifacts");
        wireMock.verify(getRequestedFor(urlPathEqualTo("/1.0/storage-pools/s3/buckets"))
                .withQueryParam("filter", equalTo("name eq artifacts"))
                .withQueryParam("all-projects", equalTo("true"))
                .withQueryParam("project", absent()));
        assertThat(buckets).singleElement().satisfies(bucket -> {
            assertThat(bucket.name()).isEqualTo("artifacts");
            assertThat(bucket.s3Url()).isEqualTo("https://127.0.0.1:8555/artifacts");
            assertThat(bucket.config()).containsEntry("size", "10GiB");
            assertThat(bucket.extra()).containsEntry("user.future_field", "kept");
        });
    }

    @Test
    void creatingABucketSendsNameAndConfigAndReturnsTheAdminKey() {
        extensions(ALL);
        wireMock.stubFor(post(urlEqualTo("/1.0/storage-pools/s3/buckets")).willReturn(aResponse().withStatus(201)
                .withBody(sync("{\"name\":\"admin\",\"description\":\"Admin user\",\"role\":\"admin\","
                        + "\"access-key\":\"ADMIN1\",\"secret-key\":\"SECRET1\"}"))));

        StorageBucketKey admin = client.storagePools().buckets("s3").create("artifacts",
                StorageBucketPut.empty().withDescription("build output").withConfig("size", "10GiB")).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets"))
                .withRequestBody(equalToJson("{\"name\":\"artifacts\",\"description\":\"build output\","
                        + "\"config\":{\"size\":\"10GiB\"}}")));
        assertThat(admin.role()).isEqualTo("admin");
        assertThat(admin.accessKey()).isEqualTo("ADMIN1");
        assertThat(admin.secretKey()).isEqualTo("SECRET1");
        assertThat(admin.toString()).doesNotContain("SECRET1");
    }

    @Test
    void aDaemonThatSendsNoCredentialsOnCreationGivesAnEmptyAnswer() {
        extensions("[\"storage_buckets\"]");
        wireMock.stubFor(post(urlEqualTo("/1.0/storage-pools/s3/buckets")).willReturn(aResponse().withStatus(201)
                .withBody(sync("{}"))));

        assertThat(client.storagePools().buckets("s3").create("artifacts", StorageBucketPut.empty()).blockOptional(WAIT))
                .isEmpty();
    }

    @Test
    void aReadModifyWriteKeepsUnknownFieldsAndSendsTheEtagAndAStaleOneIs412() {
        extensions(ALL);
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts")).willReturn(aResponse()
                .withStatus(200).withHeader("ETag", "\"e1\"").withBody(sync(BUCKET))));
        wireMock.stubFor(put(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts")).willReturn(aResponse()
                .withStatus(200).withBody(sync("{}"))));
        wireMock.stubFor(patch(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts")).willReturn(aResponse()
                .withStatus(412).withBody(error(412, "ETag doesn't match: e2 vs e1"))));

        StorageBucketsApi buckets = client.storagePools().buckets("s3");
        ETagged<StorageBucket> read = buckets.getWithEtag("artifacts").block(WAIT);
        buckets.update("artifacts", read.value().toPut().withConfig("size", "20GiB"), read.etag()).block(WAIT);

        wireMock.verify(putRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts"))
                .withHeader("If-Match", equalTo("\"e1\""))
                .withRequestBody(equalToJson("{\"description\":\"build output\",\"config\":{\"size\":\"20GiB\"},"
                        + "\"user.future_field\":\"kept\"}")));
        assertThatThrownBy(() -> buckets.patch("artifacts", Map.of("description", "x"), "\"e1\"").block(WAIT))
                .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                        e -> assertThat(e.serverMessage()).contains("ETag doesn't match"));
        wireMock.verify(patchRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts"))
                .withHeader("If-Match", equalTo("\"e1\"")));
    }

    @Test
    void keysAreCreatedListedUpdatedAndDeletedWithTheirDashedJsonNames() {
        extensions(ALL);
        wireMock.stubFor(post(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys?project=p1"))
                .willReturn(aResponse().withStatus(201).withBody(sync(KEY))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys?project=p1"))
                .willReturn(aResponse().withStatus(200)
                        .withBody(sync("[\"/1.0/storage-pools/s3/buckets/artifacts/keys/ci\"]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys?recursion=1&project=p1"))
                .willReturn(aResponse().withStatus(200).withBody(sync("[" + KEY + "]"))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys/ci?project=p1"))
                .willReturn(aResponse().withStatus(200).withHeader("ETag", "k1").withBody(sync(KEY))));
        wireMock.stubFor(put(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys/ci?project=p1"))
                .willReturn(aResponse().withStatus(200).withBody(sync("{}"))));
        wireMock.stubFor(delete(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys/ci?project=p1"))
                .willReturn(aResponse().withStatus(200).withBody(sync("{}"))));
        StorageBucketsApi buckets = client.project("p1").storagePools().buckets("s3");

        StorageBucketKeysApi keysApi = buckets.keys("artifacts");
        StorageBucketKey created = keysApi.create("ci",
                StorageBucketKeyPut.of(StorageBucketKeyPut.READ_ONLY).withDescription("for CI")).block(WAIT);
        List<String> names = keysApi.listNames().block(WAIT);
        List<StorageBucketKey> keys = keysApi.list().block(WAIT);
        ETagged<StorageBucketKey> read = keysApi.getWithEtag("ci").block(WAIT);
        keysApi.update("ci", read.value().toPut().withRole(StorageBucketKeyPut.ADMIN), read.etag())
                .block(WAIT);
        keysApi.delete("ci").block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys?project=p1"))
                .withRequestBody(equalToJson("{\"name\":\"ci\",\"description\":\"for CI\",\"role\":\"read-only\","
                        + "\"access-key\":\"\",\"secret-key\":\"\"}")));
        assertThat(created.secretKey()).isEqualTo("SK456");
        assertThat(names).containsExactly("ci");
        assertThat(keys).extracting(StorageBucketKey::name, StorageBucketKey::accessKey)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ci", "AK123"));
        wireMock.verify(putRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys/ci?project=p1"))
                .withHeader("If-Match", equalTo("k1"))
                .withRequestBody(equalToJson("{\"description\":\"\",\"role\":\"admin\",\"access-key\":\"AK123\","
                        + "\"secret-key\":\"SK456\"}")));
        wireMock.verify(deleteRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts/keys/ci?project=p1")));
    }

    @Test
    void fullReadsCarryKeysAndBackupsAndAreRefusedWithoutTheirExtension() {
        extensions(ALL);
        String full = BUCKET.substring(0, BUCKET.length() - 1) + ",\"keys\":[" + KEY + "],\"backups\":[{\"name\":\"b0\","
                + "\"created_at\":\"2026-01-02T03:04:05Z\",\"expires_at\":\"0001-01-01T00:00:00Z\"}]}";
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets/artifacts?recursion=1")).willReturn(
                aResponse().withStatus(200).withHeader("ETag", "f1").withBody(sync(full))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/s3/buckets?recursion=2")).willReturn(
                aResponse().withStatus(200).withBody(sync("[" + full + "]"))));

        ETagged<StorageBucketFull> read = client.storagePools().buckets("s3").getFull("artifacts").block(WAIT);
        List<StorageBucketFull> listed = client.storagePools().buckets("s3").listFull().block(WAIT);

        assertThat(read.etag()).isEqualTo("f1");
        assertThat(read.value().bucket().s3Url()).isEqualTo("https://127.0.0.1:8555/artifacts");
        assertThat(read.value().keys()).extracting(StorageBucketKey::role).containsExactly("read-only");
        assertThat(read.value().backups()).extracting(StorageBucketBackup::createdAt)
                .containsExactly(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(listed).singleElement().satisfies(bucket -> assertThat(bucket.keys()).hasSize(1));

        try (IncusClient old = WireMockIncus.client(wireMock).build()) {
            wireMock.resetAll();
            extensions("[\"storage_buckets\",\"storage_bucket_backup\"]");
            assertThatThrownBy(() -> old.storagePools().buckets("s3").getFull("artifacts").block(WAIT))
                    .isInstanceOfSatisfying(IncusUnsupportedException.class,
                            e -> assertThat(e.getMessage()).contains("storage_bucket_full"));
            assertThatThrownBy(() -> old.storagePools().buckets("s3").list(ListOptions.allProjectsOptions()).block(WAIT))
                    .isInstanceOfSatisfying(IncusUnsupportedException.class,
                            e -> assertThat(e.getMessage()).contains("storage_buckets_all_projects"));
            wireMock.verify(0, anyRequestedFor(urlPathEqualTo("/1.0/storage-pools/s3/buckets/artifacts")));
            wireMock.verify(0, anyRequestedFor(urlPathEqualTo("/1.0/storage-pools/s3/buckets")));
        }
    }

    @Test
    void aServerWithoutBucketsIsToldApartBeforeAnythingIsSent() {
        extensions("[\"custom_volume_backup\"]");

        assertThatThrownBy(() -> client.storagePools().buckets("s3").create("b", StorageBucketPut.empty()).block(WAIT))
                .isInstanceOfSatisfying(IncusUnsupportedException.class,
                        e -> assertThat(e.getMessage()).contains("storage_buckets"));
        wireMock.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void bucketBackupsAreMadeRenamedDownloadedImportedAndDeleted(@TempDir Path directory) throws Exception {
        extensions(ALL);
        String base = "/1.0/storage-pools/s3/buckets/artifacts/backups";
        byte[] tarball = "a bucket backup".getBytes(StandardCharsets.UTF_8);
        wireMock.stubFor(post(urlEqualTo(base)).willReturn(aResponse().withStatus(202).withBody(async("op-b1"))));
        wireMock.stubFor(get(urlEqualTo(base)).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"" + base + "/b1\"]"))));
        wireMock.stubFor(get(urlEqualTo(base + "?recursion=1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[{\"name\":\"b1\",\"created_at\":\"2026-01-02T03:04:05Z\","
                        + "\"expires_at\":\"2026-02-02T03:04:05Z\"}]"))));
        wireMock.stubFor(get(urlEqualTo(base + "/b1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{\"name\":\"b1\",\"created_at\":\"2026-01-02T03:04:05Z\"}"))));
        wireMock.stubFor(post(urlEqualTo(base + "/b1")).willReturn(aResponse().withStatus(202).withBody(async("op-r"))));
        wireMock.stubFor(delete(urlEqualTo(base + "/b2")).willReturn(aResponse().withStatus(202)
                .withBody(async("op-d"))));
        wireMock.stubFor(get(urlEqualTo(base + "/b2/export")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(tarball)));
        wireMock.stubFor(post(urlEqualTo("/1.0/storage-pools/s3/buckets")).willReturn(aResponse().withStatus(202)
                .withBody(async("op-import"))));
        StorageBucketBackupsApi backups = client.storagePools().buckets("s3").backups("artifacts");
        Instant expiry = Instant.parse("2026-02-02T03:04:05Z");

        assertThat(backups.create(StorageBucketBackupsPost.named("b1").expiringAt(expiry)
                .withCompressionAlgorithm("zstd")).block(WAIT).id()).isEqualTo("op-b1");
        assertThat(backups.listNames().block(WAIT)).containsExactly("b1");
        assertThat(backups.list().block(WAIT)).extracting(StorageBucketBackup::expiresAt)
                .containsExactly(expiry);
        assertThat(backups.get("b1").block(WAIT).createdAt())
                .isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        backups.rename("b1", "b2").block(WAIT);
        Path file = directory.resolve("bucket.tar.gz");
        assertThat(backups.export("b2", file).block(WAIT)).isEqualTo(tarball.length);
        assertThat(Files.readAllBytes(file)).isEqualTo(tarball);
        assertThat(client.storagePools().buckets("s3").importBackup(file, "restored").block(WAIT).id())
                .isEqualTo("op-import");
        backups.delete("b2").block(WAIT);
        wireMock.stubFor(post(urlEqualTo(base)).withHeader("Accept", equalTo("application/octet-stream"))
                .willReturn(aResponse().withStatus(200).withBody(tarball)));
        Path direct = directory.resolve("direct.tar.gz");
        assertThat(backups.createDirect(StorageBucketBackupsPost.named(""), direct).block(WAIT))
                .isEqualTo(tarball.length);
        assertThat(Files.readAllBytes(direct)).isEqualTo(tarball);

        wireMock.verify(postRequestedFor(urlEqualTo(base)).withRequestBody(equalToJson(
                "{\"name\":\"b1\",\"expires_at\":\"2026-02-02T03:04:05Z\",\"compression_algorithm\":\"zstd\"}")));
        wireMock.verify(postRequestedFor(urlEqualTo(base + "/b1")).withRequestBody(equalToJson("{\"name\":\"b2\"}")));
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/storage-pools/s3/buckets"))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withHeader("X-Incus-name", equalTo("restored"))
                .withRequestBody(binaryEqualTo(tarball)));
        wireMock.verify(deleteRequestedFor(urlEqualTo(base + "/b2")));
    }
}
