package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.incus4j.client.WireMockIncus.async;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.model.ImagesPost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the image transfer calls put on the wire, and how an export that does not match is handled. */
class ImageTransfersRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

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

    @Test
    void copyingFromAnotherServerAsksTheDaemonToPullTheImageWithSecretAndCertificate() {
        wireMock.stubFor(post(urlEqualTo("/1.0/images?project=p1"))
                .willReturn(aResponse().withStatus(202).withBody(async("op-copy"))));

        OperationHandle copy = client.project("p1").images().create(
                ImagesPost.fromServer("https://images.example:8443", "abc123")
                        .withSecret("s3cret").withCertificate("-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----")
                        .withAlias("copied", "a copy").withAutoUpdate(true)).block(WAIT);

        assertThat(copy.id()).isEqualTo("op-copy");
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/images?project=p1"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.source.type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.source.mode", equalTo("pull")))
                .withRequestBody(matchingJsonPath("$.source.protocol", equalTo("incus")))
                .withRequestBody(matchingJsonPath("$.source.server", equalTo("https://images.example:8443")))
                .withRequestBody(matchingJsonPath("$.source.fingerprint", equalTo("abc123")))
                .withRequestBody(matchingJsonPath("$.source.secret", equalTo("s3cret")))
                .withRequestBody(matchingJsonPath("$.source.certificate",
                        equalTo("-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----")))
                .withRequestBody(matchingJsonPath("$.aliases", equalToJson("[{\"name\":\"copied\",\"description\":\"a copy\"}]")))
                .withRequestBody(matchingJsonPath("$.auto_update", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.public", equalTo("false"))));
    }

    @Test
    void publishingASnapshotNamesItInstanceSlashSnapshot() {
        wireMock.stubFor(post(urlEqualTo("/1.0/images"))
                .willReturn(aResponse().withStatus(202).withBody(async("op-pub"))));

        client.images().create(ImagesPost.fromSnapshot("c1", "snap0").withPublic(true)
                .withCompressionAlgorithm("zstd")).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/images"))
                .withRequestBody(matchingJsonPath("$.source.type", equalTo("snapshot")))
                .withRequestBody(matchingJsonPath("$.source.name", equalTo("c1/snap0")))
                .withRequestBody(matchingJsonPath("$.public", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.compression_algorithm", equalTo("zstd"))));
    }

    @Test
    void anExportWhoseContentDoesNotMatchTheFingerprintFailsAndLeavesNoFile(@TempDir Path directory) {
        byte[] content = "not the image you asked for".getBytes(StandardCharsets.UTF_8);
        wireMock.stubFor(get(urlEqualTo("/1.0/images/0123abcd/export")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/octet-stream")
                .withHeader("Content-Disposition", "attachment; filename=../../escape.tar.gz")
                .withBody(content)));

        assertThatThrownBy(() -> client.images().export("0123abcd", directory).block(WAIT))
                .isInstanceOf(IncusException.class)
                .hasMessageContaining("0123abcd")
                .hasMessageContaining(sha256(content))
                .hasMessageContaining("download it again");
        assertThat(directory).isEmptyDirectory();
        assertThat(directory.resolveSibling("escape.tar.gz")).doesNotExist();
    }

    @Test
    void anExportIsNamedAfterTheLastSegmentOfTheDaemonsFileName(@TempDir Path directory) throws Exception {
        byte[] content = "a tiny image".getBytes(StandardCharsets.UTF_8);
        String fingerprint = sha256(content);
        wireMock.stubFor(get(urlEqualTo("/1.0/images/" + fingerprint + "/export")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/octet-stream")
                .withHeader("Content-Disposition", "attachment; filename=../tiny.tar.xz").withBody(content)));

        ImageExport export = client.images().export(fingerprint, directory).block(WAIT);

        assertThat(export.files()).containsExactly(directory.resolve("tiny.tar.xz"));
        assertThat(Files.readAllBytes(directory.resolve("tiny.tar.xz"))).isEqualTo(content);
        assertThat(export.sha256()).isEqualTo(fingerprint);
        assertThat(export.size()).isEqualTo(content.length);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
