package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.ImageSecret;
import io.github.incus4j.client.ImageUpload;
import io.github.incus4j.client.ImagesApi;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Image;
import io.github.incus4j.client.model.ImageAlias;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.StatusCode;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial updates of images and aliases, and what an untrusted HTTPS client sees of images
 * (public ones, and private ones with a secret), on a real daemon.
 */
@IncusIntegrationTest
class ImagesPublicIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void patchChangesOnlyTheGivenFieldsOfImagesAndAliases(IncusDaemon daemon, @TempDir Path directory)
            throws Exception {
        String alias = Transport.uniqueName("patch") + "/nested";
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            String fingerprint = upload(client, directory, alias);
            try {
                ETagged<Image> read = client.images().getWithEtag(fingerprint).block();
                client.images().patch(fingerprint, Map.of("properties", Map.of("description", "patched")), read.etag())
                        .block();
                Image patched = client.images().get(fingerprint).block();
                assertThat(patched.properties()).containsEntry("description", "patched").containsEntry("os", "test");
                assertThat(patched.aliases()).extracting(Image.Alias::name).containsExactly(alias);
                assertThatThrownBy(() -> client.images().patch(fingerprint, Map.of("auto_update", true), read.etag())
                        .block()).isInstanceOf(IncusPreconditionFailedException.class);

                assertThat(client.images().aliases().listNames().block()).contains(alias, daemon.imageAlias());
                ETagged<ImageAlias> aliasRead = client.images().aliases().getWithEtag(alias).block();
                client.images().aliases().patch(alias, Map.of("description", "patched alias"), aliasRead.etag()).block();
                ImageAlias patchedAlias = client.images().aliases().get(alias).block();
                assertThat(patchedAlias.description()).isEqualTo("patched alias");
                assertThat(patchedAlias.target()).isEqualTo(fingerprint);
            } finally {
                client.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @Test
    void anUntrustedClientSeesPublicImagesAndPrivateOnesOnlyWithASecret(IncusDaemon daemon, @TempDir Path directory)
            throws Exception {
        String alias = Transport.uniqueName("pub");
        try (IncusClient trusted = Transport.UNIX_SOCKET.client(daemon);
                IncusClient untrusted = Transport.https(daemon, daemon.newClientCredentials("stranger")).build()) {
            String fingerprint = upload(trusted, directory, alias);
            try {
                // Private: invisible, even by exact fingerprint and alias.
                assertThat(untrusted.images().listPublicNames(ListOptions.NONE).block())
                        .doesNotContain(fingerprint, daemon.imageFingerprint());
                assertThatThrownBy(() -> untrusted.images().getPublic(fingerprint, null).block())
                        .isInstanceOf(IncusNotFoundException.class);
                assertThatThrownBy(() -> untrusted.images().aliases().getPublic(alias).block())
                        .isInstanceOf(IncusNotFoundException.class);
                assertThatThrownBy(() -> untrusted.images().aliases().listNames().block())
                        .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.status()).isEqualTo(403));

                // A secret opens one private image to whoever holds it; the secret's operation can
                // be waited for by the untrusted side, and ends once the image is downloaded.
                ImageSecret secret = trusted.images().createSecret(fingerprint).block();
                assertThat(untrusted.images().getPublic(fingerprint, secret.secret()).block().fingerprint())
                        .isEqualTo(fingerprint);
                assertThatThrownBy(() -> untrusted.operations().awaitPublic(secret.operation().id(), "wrong",
                        Duration.ofSeconds(1)).block()).isInstanceOfSatisfying(IncusApiException.class,
                                e -> assertThat(e.status()).isEqualTo(403));
                untrusted.images().export(fingerprint, Files.createDirectories(directory.resolve("download")),
                        secret.secret()).block();
                Operation used = untrusted.operations().awaitPublic(secret.operation().id(), secret.secret(), WAIT)
                        .block();
                assertThat(used.isFinal()).isTrue();
                assertThat(used.statusCode()).isNotEqualTo(StatusCode.FAILURE);

                // Public: listed and readable, by fingerprint and alias.
                trusted.images().patch(fingerprint, Map.of("public", true), null).block();
                assertThat(untrusted.images().listPublicNames(ListOptions.NONE).block()).contains(fingerprint)
                        .doesNotContain(daemon.imageFingerprint());
                assertThat(untrusted.images().listPublic(ListOptions.NONE).block()).extracting(Image::fingerprint)
                        .contains(fingerprint);
                assertThat(untrusted.images().getPublic(fingerprint, null).block().isPublic()).isTrue();
                assertThat(untrusted.images().aliases().getPublic(alias).block().target()).isEqualTo(fingerprint);
                // A trusted client calling the public view sees everything, as the daemon answers it.
                assertThat(trusted.images().listPublicNames(ListOptions.NONE).block())
                        .contains(fingerprint, daemon.imageFingerprint());
            } finally {
                trusted.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    @Test
    void anUntrustedClientPushesAnImageWithTheUploadSecretTheServerHandedOut(IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        Path tarball = ImagesIntegrationTest.unifiedImage(directory);
        String fingerprint = ImagesIntegrationTest.sha256(tarball);
        try (IncusClient trusted = Transport.UNIX_SOCKET.client(daemon);
                IncusClient untrusted = Transport.https(daemon, daemon.newClientCredentials("pusher")).build()) {
            ImageSecret upload = trusted.images().expectPush(fingerprint).block();
            assertThatThrownBy(() -> untrusted.images().importPushed(tarball, fingerprint, "wrong", WAIT).block())
                    .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.status()).isEqualTo(403));

            Operation imported = untrusted.images().importPushed(tarball, fingerprint, upload.secret(), WAIT).block();

            assertThat(imported.isSuccess()).isTrue();
            try {
                assertThat(trusted.images().get(fingerprint).block().isPublic()).isFalse();
            } finally {
                trusted.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }

    private static String upload(IncusClient client, Path directory, String alias) throws Exception {
        return ImagesApi.fingerprintOf(client.images()
                .importUnified(ImagesIntegrationTest.unifiedImage(directory), ImageUpload.withAlias(alias))
                .flatMap(upload -> upload.await(WAIT)).block());
    }
}
