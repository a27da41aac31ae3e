package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.head;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstanceFileInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

/** What the files API puts on the wire and reads from the daemon's headers. */
class FilesRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(sync("{}"))).atPriority(10));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void ownerModeTypeAndAppendGoInTheIncusHeaders() {
        client.project("p1").instances().files("c 1").write("/tmp/a file?", "x".getBytes(StandardCharsets.UTF_8),
                FileWriteOptions.defaults().withOwner(1000, 2000).withMode(0640).appending()).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/instances/c%201/files?path=%2Ftmp%2Fa%20file%3F&project=p1"))
                .withHeader("X-Incus-uid", equalTo("1000"))
                .withHeader("X-Incus-gid", equalTo("2000"))
                .withHeader("X-Incus-mode", equalTo("0640"))
                .withHeader("X-Incus-type", equalTo("file"))
                .withHeader("X-Incus-write", equalTo("append"))
                .withHeader(HttpHeaders.CONTENT_TYPE, equalTo("application/octet-stream"))
                .withRequestBody(binaryEqualTo("x".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aDownloadWritesEveryByteAndReplacesTheLocalFile(@TempDir Path directory) throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 3];
        new Random(3).nextBytes(content);
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1/files")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-type", "file").withHeader("X-Incus-mode", "0644").withBody(content)));
        Path target = directory.resolve("copy.bin");
        Files.write(target, new byte[10 * 1024 * 1024]);

        InstanceFileInfo info = client.instances().files("c1").download("/root/data.bin", target).block(WAIT);

        assertThat(info.isDirectory()).isFalse();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void aDownloadThatCannotWriteItsFileFailsAndLeavesNoFile(@TempDir Path directory) {
        wireMock.stubFor(get(urlPathEqualTo("/1.0/instances/c1/files")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Incus-type", "file").withBody(new byte[256 * 1024])));
        Path target = directory.resolve("missing-directory").resolve("copy.bin");

        assertThatThrownBy(() -> client.instances().files("c1").download("/root/data.bin", target).block(WAIT))
                .hasMessageContaining(target.toString());
        assertThat(target.getParent()).doesNotExist();
    }

    @Test
    void defaultsSendNoOwnerOrModeAndDirectoriesAndLinksSayTheirType() {
        client.instances().files("c1").createDirectory("/srv/d", FileWriteOptions.defaults()).block(WAIT);
        client.instances().files("c1").createSymlink("/srv/l", "../target", FileWriteOptions.defaults()).block(WAIT);

        wireMock.verify(postRequestedFor(urlPathEqualTo("/1.0/instances/c1/files"))
                .withQueryParam("path", equalTo("/srv/d"))
                .withHeader("X-Incus-type", equalTo("directory"))
                .withHeader("X-Incus-uid", absent())
                .withHeader("X-Incus-gid", absent())
                .withHeader("X-Incus-mode", absent())
                .withHeader("X-Incus-write", absent()));
        wireMock.verify(postRequestedFor(urlPathEqualTo("/1.0/instances/c1/files"))
                .withQueryParam("path", equalTo("/srv/l"))
                .withHeader("X-Incus-type", equalTo("symlink"))
                .withRequestBody(equalTo("../target")));
    }

    @Test
    void recursiveDeletionIsOneForcedRequestWhenTheServerHasTheExtension() {
        WireMockIncus.stubExtensions(wireMock, "file_delete", "file_delete_force");

        client.instances().files("c1").deleteRecursively("/tmp/tree").block(WAIT);

        wireMock.verify(deleteRequestedFor(urlEqualTo("/1.0/instances/c1/files?path=%2Ftmp%2Ftree"))
                .withHeader("X-Incus-force", equalTo("true")));
    }

    @Test
    void statReadsTheHeadersAndAMissingPathIsNotFound() {
        wireMock.stubFor(head(urlEqualTo("/1.0/instances/c1/files?path=%2Fetc%2Fhosts")).willReturn(aResponse()
                .withStatus(200)
                .withHeader("X-Incus-Type", "file").withHeader("X-Incus-Mode", "0644")
                .withHeader("X-Incus-Uid", "0").withHeader("X-Incus-Gid", "4")
                .withHeader("X-Incus-Modified", "2024-05-01 10:00:00.5 +0200 CEST")
                .withHeader("Content-Length", "123")));
        wireMock.stubFor(head(urlEqualTo("/1.0/instances/c1/files?path=%2Fnope")).willReturn(aResponse()
                .withStatus(404)));

        InstanceFileInfo info = client.instances().files("c1").stat("/etc/hosts").block(WAIT);

        assertThat(info).isEqualTo(new InstanceFileInfo("/etc/hosts", "file", 0644, 0, 4,
                Instant.parse("2024-05-01T08:00:00.5Z"), 123));
        assertThatThrownBy(() -> client.instances().files("c1").stat("/nope").block(WAIT))
                .isInstanceOfSatisfying(IncusNotFoundException.class, e -> {
                    assertThat(e.method()).isEqualTo("HEAD");
                    assertThat(e.path()).isEqualTo("/1.0/instances/c1/files");
                });
    }

    @Test
    void goTimesAreReadWithAndWithoutFractionsAndOddOnesAreNull() {
        assertThat(FileTransfers.modified("2026-11-26 17:44:40 +0000 UTC")).isEqualTo(Instant.parse("2026-11-26T17:44:40Z"));
        assertThat(FileTransfers.modified("2026-11-26 17:44:40.123456789 -0130 X"))
                .isEqualTo(Instant.parse("2026-11-26T19:14:40.123456789Z"));
        assertThat(FileTransfers.modified("Thu, 26 Nov 2026 17:44:40 GMT")).isNull();
        assertThat(FileTransfers.modified(null)).isNull();
    }

    @Test
    void pathsMustBeAbsoluteAndTheRootIsNeverDeletedRecursively() {
        assertThatThrownBy(() -> client.instances().files("c1").read("etc/hosts")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute path");
        assertThatThrownBy(() -> client.instances().files("c1").deleteRecursively("//")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileWriteOptions(-1, -1, 010000, false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("07777");
    }

    @Test
    void recursiveDeletesRefuseEveryPathThatReachesTheRootBeforeSendingAnything() {
        for (String path : List.of("/", "//", "/.", "/./", "/x/..", "/..")) {
            assertThatThrownBy(() -> client.instances().files("c1").deleteRecursively(path))
                    .as(path).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(path);
            assertThatThrownBy(() -> client.storagePools().volumes("default").files("v1").deleteRecursively(path))
                    .as(path).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(path);
        }
        wireMock.verify(0, deleteRequestedFor(anyUrl()));
    }
}
