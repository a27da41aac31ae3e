package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.incus4j.client.WireMockIncus.async;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstanceFileInfo;
import io.github.incus4j.client.model.StorageVolumeBitmap;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import io.github.incus4j.client.model.StorageVolumeFull;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Volume files, dirty bitmaps, rebuild and full reads, which Incus 6.0 lacks, against payloads
 * shaped like the Incus 7.3 specification: what the client sends and what it makes of the answers.
 */
class StorageVolumeSubresourcesRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String VOLUME = "/1.0/storage-pools/p1/volumes/custom/data";

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        WireMockIncus.stubExtensions(wireMock, "file_storage_volume", "file_delete_force", "storage_volume_nbd",
                "storage_volumes_rebuild", "storage_volume_full");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void filesAreWrittenWithTheIncusHeadersAndReadStattedListedAndDeleted(@TempDir Path directory) throws Exception {
        byte[] content = "key: value\n".getBytes(StandardCharsets.UTF_8);
        String file = VOLUME + "/files?path=%2Fetc%2Fapp.yml";
        wireMock.stubFor(post(urlEqualTo(file)).willReturn(aResponse().withStatus(200).withBody(sync("{}"))));
        wireMock.stubFor(post(urlEqualTo(VOLUME + "/files?path=%2Fetc")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));
        wireMock.stubFor(get(urlEqualTo(file)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-Type", "file").withHeader("X-Incus-Mode", "0600")
                .withHeader("X-Incus-Uid", "1000").withHeader("X-Incus-Gid", "1000").withBody(content)));
        wireMock.stubFor(head(urlEqualTo(file)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-Type", "file").withHeader("X-Incus-Mode", "0600")
                .withHeader("X-Incus-Uid", "1000").withHeader("X-Incus-Gid", "1000")
                .withHeader("X-Incus-Modified", "2026-01-02 03:04:05 +0000 UTC")
                .withHeader("Content-Length", Integer.toString(content.length))));
        wireMock.stubFor(head(urlEqualTo(VOLUME + "/files?path=%2Fnope")).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(get(urlEqualTo(VOLUME + "/files?path=%2Fetc")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-Type", "directory").withBody(sync("[\"app.yml\"]"))));
        wireMock.stubFor(delete(urlEqualTo(file)).willReturn(aResponse().withStatus(200).withBody(sync("{}"))));
        wireMock.stubFor(delete(urlEqualTo(VOLUME + "/files?path=%2Fetc")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));
        StorageVolumeFilesApi files = client.storagePools().volumes("p1").files("data");

        files.createDirectory("/etc", FileWriteOptions.defaults().withMode(0750)).block(WAIT);
        files.write("/etc/app.yml", content, FileWriteOptions.defaults().withOwner(1000, 1000)
                .withMode(0600)).block(WAIT);
        byte[] read = files.read("/etc/app.yml").block(WAIT);
        Path local = directory.resolve("app.yml");
        InstanceFileInfo downloaded = files.download("/etc/app.yml", local).block(WAIT);
        InstanceFileInfo stat = files.stat("/etc/app.yml").block(WAIT);
        List<String> entries = files.list("/etc").block(WAIT);
        files.delete("/etc/app.yml").block(WAIT);
        files.deleteRecursively("/etc").block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo(VOLUME + "/files?path=%2Fetc"))
                .withHeader("X-Incus-type", equalTo("directory"))
                .withHeader("X-Incus-mode", equalTo("0750")));
        wireMock.verify(postRequestedFor(urlEqualTo(file))
                .withHeader("X-Incus-type", equalTo("file"))
                .withHeader("X-Incus-uid", equalTo("1000"))
                .withHeader("X-Incus-gid", equalTo("1000"))
                .withHeader("X-Incus-mode", equalTo("0600"))
                .withHeader("X-Incus-write", absent())
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withRequestBody(binaryEqualTo(content)));
        assertThat(read).isEqualTo(content);
        assertThat(Files.readAllBytes(local)).isEqualTo(content);
        assertThat(downloaded.mode()).isEqualTo(0600);
        assertThat(stat).isEqualTo(new InstanceFileInfo("/etc/app.yml", "file", 0600, 1000, 1000,
                Instant.parse("2026-01-02T03:04:05Z"), content.length));
        assertThat(entries).containsExactly("app.yml");
        wireMock.verify(deleteRequestedFor(urlEqualTo(file)).withHeader("X-Incus-force", absent()));
        wireMock.verify(deleteRequestedFor(urlEqualTo(VOLUME + "/files?path=%2Fetc"))
                .withHeader("X-Incus-force", equalTo("true")));
        assertThatThrownBy(() -> files.stat("/nope").block(WAIT)).isInstanceOf(IncusNotFoundException.class);
        assertThatThrownBy(() -> files.read("/etc").block(WAIT)).isInstanceOf(IncusException.class)
                .hasMessageContaining("is a directory");
    }

    @Test
    void aFileErrorNamesTheVolumeAndThePath() {
        wireMock.stubFor(get(urlEqualTo(VOLUME + "/files?path=%2Fmissing")).willReturn(aResponse().withStatus(404)
                .withBody(WireMockIncus.error(404, "not found"))));
        wireMock.stubFor(head(urlEqualTo(VOLUME + "/files?path=%2Fmissing")).willReturn(aResponse().withStatus(404)));
        wireMock.stubFor(post(urlEqualTo(VOLUME + "/files?path=%2Fnone%2Fx")).willReturn(aResponse().withStatus(404)
                .withBody(WireMockIncus.error(404, "not found"))));
        wireMock.stubFor(get(urlEqualTo(VOLUME + "/files?path=%2Fapp.yml")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-Type", "file").withBody("key: value\n")));
        StorageVolumeFilesApi files = client.storagePools().volumes("p1").files("data");

        assertThatThrownBy(() -> files.read("/missing").block(WAIT)).isInstanceOfSatisfying(
                IncusNotFoundException.class, e -> {
                    assertThat(e).hasMessage("GET /1.0/storage-pools/p1/volumes/custom/data/files?path=/missing "
                            + "failed with HTTP 404: not found");
                    assertThat(e.serverMessage()).isEqualTo("not found");
                });
        assertThatThrownBy(() -> files.stat("/missing").block(WAIT)).isInstanceOf(IncusNotFoundException.class)
                .hasMessageContaining("/volumes/custom/data/files?path=/missing");
        assertThatThrownBy(() -> files.write("/none/x", new byte[] {1}).block(WAIT))
                .isInstanceOf(IncusNotFoundException.class)
                .hasMessageContaining("POST /1.0/storage-pools/p1/volumes/custom/data/files?path=/none/x");
        assertThatThrownBy(() -> files.list("/app.yml").block(WAIT)).isInstanceOf(IncusException.class)
                .hasMessageEndingWith("/app.yml in volume 'data' of pool 'p1' is a file, not a directory");
    }

    @Test
    void badFileArgumentsAreRefusedByNameBeforeAnythingIsSent() {
        StorageVolumeFilesApi files = client.storagePools().volumes("p1").files("data");

        assertThatThrownBy(() -> files.read("relative/path")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path must be an absolute path");
        assertThatThrownBy(() -> files.deleteRecursively("//")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below the root");
        assertThatThrownBy(() -> client.storagePools().volumes("p1").files("..")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume");
        assertThatThrownBy(() -> client.storagePools().volumes("p1").bitmaps("custom", "data").create(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bitmap");
        assertThatThrownBy(() -> StorageVolumeBitmapsPost.named("b").withGranularity(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("granularity");
    }

    @Test
    void bitmapsAreMadeListedReadAndDeleted() {
        String bitmaps = "/1.0/storage-pools/p1/volumes/virtual-machine/vm1/bitmaps";
        String bitmap = "{\"name\":\"inc0\",\"count\":65536,\"granularity\":65536,\"busy\":false,"
                + "\"inconsistent\":false,\"persistent\":true,\"recording\":true}";
        wireMock.stubFor(post(urlEqualTo(bitmaps)).willReturn(aResponse().withStatus(200).withBody(sync("{}"))));
        wireMock.stubFor(get(urlEqualTo(bitmaps)).willReturn(aResponse().withStatus(200)
                .withBody(sync("[\"" + bitmaps + "/inc0\"]"))));
        wireMock.stubFor(get(urlEqualTo(bitmaps + "?recursion=1")).willReturn(aResponse().withStatus(200)
                .withBody(sync("[" + bitmap + "]"))));
        wireMock.stubFor(get(urlEqualTo(bitmaps + "/inc0")).willReturn(aResponse().withStatus(200)
                .withBody(sync(bitmap))));
        wireMock.stubFor(delete(urlEqualTo(bitmaps + "/inc0")).willReturn(aResponse().withStatus(200)
                .withBody(sync("{}"))));
        StorageVolumeBitmapsApi api = client.storagePools().volumes("p1").bitmaps("virtual-machine", "vm1");

        api.create(StorageVolumeBitmapsPost.named("inc0").withPersistent(true)
                .withGranularity(65536)).block(WAIT);
        List<String> names = api.listNames().block(WAIT);
        List<StorageVolumeBitmap> listed = api.list().block(WAIT);
        StorageVolumeBitmap read = api.get("inc0").block(WAIT);
        api.delete("inc0").block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo(bitmaps)).withRequestBody(equalToJson(
                "{\"name\":\"inc0\",\"granularity\":65536,\"persistent\":true,\"disabled\":false}")));
        assertThat(names).containsExactly("inc0");
        assertThat(listed).containsExactly(read);
        assertThat(read.count()).isEqualTo(65536);
        assertThat(read.persistent()).isTrue();
        assertThat(read.recording()).isTrue();
        wireMock.verify(deleteRequestedFor(urlEqualTo(bitmaps + "/inc0")));
    }

    @Test
    void aRebuildIsAnOperationAndFullReadsCarrySnapshotsBackupsAndState() {
        wireMock.stubFor(post(urlEqualTo(VOLUME + "/rebuild?project=p2")).willReturn(aResponse().withStatus(202)
                .withBody(async("op-rebuild"))));
        String full = "{\"name\":\"data\",\"type\":\"custom\",\"content_type\":\"filesystem\",\"description\":\"\","
                + "\"config\":{\"size\":\"1GiB\"},\"location\":\"none\",\"project\":\"p2\","
                + "\"created_at\":\"2026-01-02T03:04:05Z\",\"used_by\":[],"
                + "\"snapshots\":[{\"name\":\"snap0\",\"content_type\":\"filesystem\"}],"
                + "\"backups\":[{\"name\":\"b0\",\"volume_only\":true,\"optimized_storage\":false}],"
                + "\"state\":{\"usage\":{\"used\":4096,\"total\":1073741824}},\"future\":1}";
        wireMock.stubFor(get(urlEqualTo(VOLUME + "?recursion=1&project=p2")).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "v1").withBody(sync(full))));
        wireMock.stubFor(get(urlEqualTo("/1.0/storage-pools/p1/volumes/custom?recursion=2&project=p2"))
                .willReturn(aResponse().withStatus(200).withBody(sync("[" + full + "]"))));
        StorageVolumesApi volumes = client.project("p2").storagePools().volumes("p1");

        OperationHandle rebuild = volumes.rebuild(StorageVolumesApi.CUSTOM, "data").block(WAIT);
        ETagged<StorageVolumeFull> read = volumes.getFull(StorageVolumesApi.CUSTOM, "data").block(WAIT);
        List<StorageVolumeFull> listed = volumes.listFull(StorageVolumesApi.CUSTOM).block(WAIT);

        assertThat(rebuild.id()).isEqualTo("op-rebuild");
        wireMock.verify(postRequestedFor(urlEqualTo(VOLUME + "/rebuild?project=p2")).withRequestBody(equalToJson("{}")));
        assertThat(read.etag()).isEqualTo("v1");
        StorageVolumeFull volume = read.value();
        assertThat(volume.snapshots()).extracting(snapshot -> snapshot.name()).containsExactly("snap0");
        assertThat(volume.backups()).singleElement().satisfies(backup -> assertThat(backup.volumeOnly()).isTrue());
        assertThat(volume.state().usage().used()).isEqualTo(4096);
        assertThat(volume.volume().createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(volume.volume().toPut().extra()).containsEntry("future", 1);
        assertThat(listed).containsExactly(volume);
    }
    @Test
    void aBackupImportKeepingTheRecordedNameSendsNoNameAndABackupBodyIsSnakeCase(@TempDir Path directory)
            throws Exception {
        Path tarball = Files.write(directory.resolve("b.tar.gz"), new byte[] {1, 2, 3});
        wireMock.stubFor(post(urlEqualTo("/1.0/storage-pools/p1/volumes/custom")).willReturn(aResponse()
                .withStatus(202).withBody(async("op-import"))));
        wireMock.stubFor(post(urlEqualTo(VOLUME + "/backups")).willReturn(aResponse().withStatus(202)
                .withBody(async("op-backup"))));
        WireMockIncus.stubExtensions(wireMock, "custom_volume_backup");
        StorageVolumesApi volumes = client.storagePools().volumes("p1");

        volumes.importBackup(tarball, "").block(WAIT);
        volumes.backups("data").create(io.github.incus4j.client.model.StorageVolumeBackupsPost.named("b1")
                .withVolumeOnly(true).withOptimizedStorage(true).withCompressionAlgorithm("none")
                .expiringAt(Instant.parse("2026-03-04T05:06:07Z"))).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/storage-pools/p1/volumes/custom"))
                .withHeader("Content-Type", equalTo("application/octet-stream"))
                .withHeader("Content-Length", equalTo("3"))
                .withHeader("X-Incus-name", absent())
                .withRequestBody(binaryEqualTo(new byte[] {1, 2, 3})));
        wireMock.verify(postRequestedFor(urlEqualTo(VOLUME + "/backups")).withRequestBody(equalToJson(
                "{\"name\":\"b1\",\"expires_at\":\"2026-03-04T05:06:07Z\",\"volume_only\":true,"
                        + "\"optimized_storage\":true,\"compression_algorithm\":\"none\"}")));
        assertThatThrownBy(() -> volumes.importBackup(tarball, "renamed").block(WAIT))
                .isInstanceOfSatisfying(io.github.incus4j.client.exception.IncusUnsupportedException.class,
                        e -> assertThat(e.getMessage()).contains("backup_override_name"));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/1.0/storage-pools/p1/volumes/custom")));
    }
    @Test
    void aDirectBackupAsksForTheStreamAndWritesItToTheFile(@TempDir Path directory) throws Exception {
        byte[] stream = "a tarball streamed without being stored".getBytes(StandardCharsets.UTF_8);
        WireMockIncus.stubExtensions(wireMock, "custom_volume_backup", "direct_backup");
        wireMock.stubFor(post(urlEqualTo(VOLUME + "/backups")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream").withBody(stream)));
        Path target = directory.resolve("direct.tar.zst");

        long size = client.storagePools().volumes("p1").backups("data").createDirect(
                io.github.incus4j.client.model.StorageVolumeBackupsPost.named("").withVolumeOnly(true)
                        .withCompressionAlgorithm("zstd"), target).block(WAIT);

        assertThat(size).isEqualTo(stream.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(stream);
        wireMock.verify(postRequestedFor(urlEqualTo(VOLUME + "/backups"))
                .withHeader("Accept", equalTo("application/octet-stream"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\":\"\",\"volume_only\":true,\"optimized_storage\":false,"
                        + "\"compression_algorithm\":\"zstd\"}")));
    }
}
