package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ImageExport;
import io.github.incus4j.client.ImageSecret;
import io.github.incus4j.client.ImageUpload;
import io.github.incus4j.client.ImagesApi;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.model.Image;
import io.github.incus4j.client.model.ImagesPost;
import io.github.incus4j.client.model.InstanceSnapshotsPost;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Image export, publish, refresh and secrets on a real daemon. */
@IncusIntegrationTest
class ImageTransfersIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theExportedBusyboxImageHasTheSha256OfItsFingerprint(Transport transport, IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        try (IncusClient client = transport.client(daemon)) {
            ImageExport export = client.images().export(daemon.imageFingerprint(), directory).block(WAIT);

            assertThat(export.isSplit()).isFalse();
            assertThat(export.imageType()).isEqualTo("incus");
            assertThat(export.sha256()).isEqualTo(daemon.imageFingerprint());
            Path file = export.files().get(0);
            assertThat(file.getParent()).isEqualTo(directory);
            assertThat(sha256(file)).isEqualTo(daemon.imageFingerprint());
            assertThat(export.size()).isEqualTo(Files.size(file));
            assertThat(Files.mismatch(file, daemon.image().unifiedTarball())).isEqualTo(-1L);
        }
    }

    @Test
    void aSplitImageIsExportedAsItsTwoFilesWhoseJointSha256IsTheFingerprint(IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            Operation upload = client.images().importSplit(daemon.image().metadataTarball(),
                    daemon.image().rootfsTarball(), ImageUpload.DEFAULTS).flatMap(op -> op.await(WAIT)).block();
            String fingerprint = ImagesApi.fingerprintOf(upload);
            try {
                ImageExport export = client.images().export(fingerprint, directory).block(WAIT);

                assertThat(export.isSplit()).isTrue();
                assertThat(export.sha256()).isEqualTo(fingerprint);
                assertThat(Files.mismatch(export.files().get(0), daemon.image().metadataTarball())).isEqualTo(-1L);
                assertThat(Files.mismatch(export.files().get(1), daemon.image().rootfsTarball())).isEqualTo(-1L);
                assertThat(export.size()).isEqualTo(Files.size(export.files().get(0)) + Files.size(export.files().get(1)));
            } finally {
                client.images().delete(fingerprint).flatMap(op -> op.await(WAIT)).block();
            }
        }
    }

    @Test
    void aStoppedInstanceAndASnapshotArePublishedAsImagesThatLaunch(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            String source = Transport.uniqueName("pub");
            client.instances().create(InstancesPost.builder(source).image(daemon.imageAlias()).build())
                    .flatMap(op -> op.await(WAIT)).block();
            try (RunningContainer stopped = RunningContainer.adopt(client, source)) {
                String alias = Transport.uniqueName("published");
                Operation published = client.images().create(ImagesPost.fromInstance(source)
                        .withAlias(alias, "made by a test").withProperty("description", "published " + source))
                        .flatMap(op -> op.await(WAIT)).block();
                String fingerprint = ImagesApi.fingerprintOf(published);
                client.instances().snapshots(source).create(InstanceSnapshotsPost.named("s0"))
                        .flatMap(op -> op.await(WAIT)).block();
                String fromSnapshot = ImagesApi.fingerprintOf(client.images()
                        .create(ImagesPost.fromSnapshot(source, "s0")).flatMap(op -> op.await(WAIT)).block());
                try {
                    Image image = client.images().getByAlias(alias).block();
                    assertThat(image.fingerprint()).isEqualTo(fingerprint).isNotEqualTo(daemon.imageFingerprint());
                    assertThat(image.properties()).containsEntry("description", "published " + source);
                    assertThat(client.images().get(fromSnapshot).block().fingerprint()).isEqualTo(fromSnapshot);

                    String launched = Transport.uniqueName("frompub");
                    client.instances().create(InstancesPost.builder(launched).image(alias).start(true).build())
                            .flatMap(op -> op.await(WAIT)).block();
                    try (RunningContainer running = RunningContainer.adopt(client, launched)) {
                        assertThat(client.instances().get(launched).block().status()).isEqualTo("Running");
                    }
                } finally {
                    client.images().delete(fingerprint).flatMap(op -> op.await(WAIT)).block();
                    client.images().delete(fromSnapshot).flatMap(op -> op.await(WAIT)).block();
                }
            }
        }
    }

    @Test
    void aSecretLetsAnUntrustedClientDownloadAPrivateImageOnce(IncusDaemon daemon, @TempDir Path directory) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                IncusClient untrusted = Transport.https(daemon, daemon.newClientCredentials("untrusted-" + System.nanoTime()))
                        .build()) {
            ImagesApi images = client.images();
            assertThat(client.images().get(daemon.imageFingerprint()).block().isPublic()).isFalse();
            assertThatThrownBy(() -> untrusted.images().export(daemon.imageFingerprint(), directory, "wrong")
                    .block(WAIT)).isInstanceOf(IncusException.class);

            ImageSecret secret = images.createSecret(daemon.imageFingerprint()).block();
            assertThat(secret.secret()).isNotBlank();
            assertThat(secret.operation().lastSeen().operationClass()).isEqualTo("token");

            ImageExport export = untrusted.images().export(daemon.imageFingerprint(), directory, secret.secret())
                    .block(WAIT);
            assertThat(export.sha256()).isEqualTo(daemon.imageFingerprint());
            assertThat(secret.toString()).doesNotContain(secret.secret());
        }
    }

    @Test
    void refreshingAnImageThatWasNotCopiedFromAServerFailsWithTheDaemonsReason(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            // The busybox image was uploaded from a file, so the daemon has no source to refresh it from.
            assertThatThrownBy(() -> client.images().refresh(daemon.imageFingerprint())
                    .flatMap(op -> op.await(WAIT)).block())
                    .isInstanceOfSatisfying(IncusOperationException.class, failed -> {
                        assertThat(failed.operation().description()).isEqualTo("Refreshing image");
                        assertThat(failed.error()).contains("Image source not found");
                    });
            assertThat(client.images().get(daemon.imageFingerprint()).block().fingerprint())
                    .isEqualTo(daemon.imageFingerprint());
        }
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[64 * 1024];
            for (int n = in.read(chunk); n > 0; n = in.read(chunk)) {
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
