package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.Filter;
import io.github.incus4j.client.ImageUpload;
import io.github.incus4j.client.ImagesApi;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.exception.IncusConflictException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Image;
import io.github.incus4j.client.model.ImageAlias;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Images and aliases on a real daemon. */
@IncusIntegrationTest
class ImagesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void theImportedBusyboxImageIsFoundByAliasAndListed(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            Image image = client.images().getByAlias(daemon.imageAlias()).block();

            assertThat(image.fingerprint()).isEqualTo(daemon.imageFingerprint());
            assertThat(image.aliases()).extracting(Image.Alias::name).contains(daemon.imageAlias());
            assertThat(client.server().get().block().environment().architectures()).contains(image.architecture());
            assertThat(image.size()).isPositive();
            assertThat(client.images().listNames(ListOptions.NONE).block()).contains(daemon.imageFingerprint());
            assertThat(client.images().list(ListOptions.filter(Filter.eq("fingerprint", daemon.imageFingerprint())))
                    .block()).extracting(Image::fingerprint).containsExactly(daemon.imageFingerprint());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUnifiedTarballIsImportedWithAliasAndPropertiesThenDeleted(Transport transport, IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        Path tarball = unifiedImage(directory);
        String alias = Transport.uniqueName("unified");
        try (IncusClient client = transport.client(daemon)) {
            Operation done = client.images()
                    .importUnified(tarball, ImageUpload.withAlias(alias).property("description", "test image"))
                    .flatMap(upload -> upload.await(WAIT)).block();
            String fingerprint = ImagesApi.fingerprintOf(done);

            assertThat(fingerprint).isEqualTo(sha256(tarball));
            Image image = client.images().get(fingerprint).block();
            assertThat(image.properties()).containsEntry("description", "test image");
            assertThat(image.aliases()).extracting(Image.Alias::name).containsExactly(alias);
            assertThat(image.filename()).isEqualTo(tarball.getFileName().toString());

            client.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
            assertThatThrownBy(() -> client.images().get(fingerprint).block())
                    .isInstanceOf(IncusNotFoundException.class);
        }
    }

    @Test
    void aSplitImageIsImportedAsMultipart(IncusDaemon daemon, @TempDir Path directory) throws Exception {
        Path metadata = tarGz(directory, "meta", "metadata.tar.gz", "metadata.yaml");
        Path rootfs = tarGz(directory, "rootfs", "rootfs.tar.gz", ".");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            Operation done = client.images().importSplit(metadata, rootfs, ImageUpload.DEFAULTS)
                    .flatMap(upload -> upload.await(WAIT)).block();
            String fingerprint = ImagesApi.fingerprintOf(done);

            // A split image's fingerprint is the SHA-256 of both files one after the other.
            assertThat(fingerprint).isEqualTo(sha256(metadata, rootfs));
            assertThat(client.images().get(fingerprint).block().type()).isEqualTo("container");
            client.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
        }
    }

    @Test
    void aliasesMakeTheWholeRoundTrip(IncusDaemon daemon) {
        String alias = Transport.uniqueName("team") + "/nested/alias";
        String renamed = alias + "-renamed";
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            client.images().aliases().create(ImageAlias.of(alias, daemon.imageFingerprint(), "first")).block();
            ImageAlias created = client.images().aliases().get(alias).block();
            assertThat(created.name()).isEqualTo(alias);
            assertThat(created.target()).isEqualTo(daemon.imageFingerprint());
            assertThat(created.effectiveType()).isEqualTo("container");
            assertThat(client.images().aliases().list().block()).extracting(ImageAlias::name).contains(alias);

            assertThatThrownBy(() -> client.images()
                    .aliases().create(ImageAlias.of(alias, daemon.imageFingerprint(), "again")).block())
                    .isInstanceOfSatisfying(IncusConflictException.class,
                            e -> assertThat(e.serverMessage()).contains("already exists"));

            ETagged<ImageAlias> read = client.images().aliases().getWithEtag(alias).block();
            client.images().aliases().update(alias, daemon.imageFingerprint(), "second", read.etag()).block();
            assertThat(client.images().aliases().get(alias).block().description()).isEqualTo("second");
            assertThatThrownBy(() -> client.images()
                    .aliases().update(alias, daemon.imageFingerprint(), "stale", read.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);

            client.images().aliases().rename(alias, renamed).block();
            assertThat(client.images().getByAlias(renamed).block().fingerprint()).isEqualTo(daemon.imageFingerprint());
            assertThatThrownBy(() -> client.images().aliases().get(alias).block()).isInstanceOf(IncusNotFoundException.class);

            client.images().aliases().delete(renamed).block();
            assertThat(client.images().aliases().list().block()).extracting(ImageAlias::name).doesNotContain(renamed);
            assertThat(client.images().get(daemon.imageFingerprint()).block().aliases()).extracting(Image.Alias::name)
                    .doesNotContain(alias, renamed);
        }
    }

    @Test
    void imagePropertiesAreUpdatedWithTheirEtag(IncusDaemon daemon, @TempDir Path directory) throws Exception {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            String fingerprint = ImagesApi.fingerprintOf(client.images()
                    .importUnified(unifiedImage(directory), ImageUpload.DEFAULTS)
                    .flatMap(upload -> upload.await(WAIT)).block());
            ETagged<Image> read = client.images().getWithEtag(fingerprint).block();

            client.images().update(fingerprint, read.value().toPut().withProperty("os", "busybox"), read.etag()).block();
            assertThat(client.images().get(fingerprint).block().properties()).containsEntry("os", "busybox");
            assertThatThrownBy(() -> client.images()
                    .update(fingerprint, read.value().toPut().withProperty("os", "stale"), read.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);

            client.images().delete(fingerprint).flatMap(deletion -> deletion.await(WAIT)).block();
        }
    }

    /** A small image of its own (metadata and one file), so that its fingerprint is new to the daemon. */
    static Path unifiedImage(Path directory) throws Exception {
        Path root = Files.createDirectories(directory.resolve("unified"));
        writeMetadata(root);
        Files.createDirectories(root.resolve("rootfs"));
        Files.writeString(root.resolve("rootfs/id.txt"), UUID.randomUUID().toString());
        return tar(root, directory.resolve("image-" + UUID.randomUUID() + ".tar.gz"), "metadata.yaml", "rootfs");
    }

    private static Path tarGz(Path directory, String part, String name, String member) throws Exception {
        Path root = Files.createDirectories(directory.resolve(part));
        if (part.equals("meta")) {
            writeMetadata(root);
        } else {
            Files.writeString(root.resolve("id.txt"), UUID.randomUUID().toString());
        }
        return tar(root, directory.resolve(name), member);
    }

    private static void writeMetadata(Path root) throws IOException {
        String architecture = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
        Files.writeString(root.resolve("metadata.yaml"), "architecture: " + architecture + "\ncreation_date: "
                + System.currentTimeMillis() / 1000 + "\nproperties:\n  os: test\n  release: \""
                + UUID.randomUUID() + "\"\n");
    }

    private static Path tar(Path root, Path output, String... members) throws Exception {
        String[] command = new String[4 + members.length];
        command[0] = "tar";
        command[1] = "-czf";
        command[2] = output.toString();
        command[3] = "-C" + root;
        System.arraycopy(members, 0, command, 4, members.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        return output;
    }

    static String sha256(Path... files) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (Path file : files) {
            digest.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
