package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.StorageVolumeBackupsApi;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusOperationException;
import io.github.incus4j.client.model.StorageVolume;
import io.github.incus4j.client.model.StorageVolumeBackup;
import io.github.incus4j.client.model.StorageVolumeBackupsPost;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Custom volume backups on a real daemon (pool driver dir): make, list, rename, download, import as
 * a new volume whose files, configuration and snapshots survived, delete.
 */
@IncusIntegrationTest
class StorageVolumeBackupsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String POOL = "default";

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDownloadedVolumeBackupIsImportedAsANewVolumeWithTheSameFiles(Transport transport, IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        String volume = Transport.uniqueName("bvol");
        String restored = volume + "-r";
        try (IncusClient client = transport.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            StorageVolumeBackupsApi backups = volumes.backups(volume);
            volumes.create(volume, "filesystem", StorageVolumePut.empty().withConfig("user.purpose", "backup test"))
                    .flatMap(op -> op.await(WAIT)).block();
            try {
                String marker = "kept in " + volume;
                try (RunningContainer writer = CustomVolumes.launchWith(client, daemon, POOL, "bw", volume)) {
                    client.instances().files(writer.name()).write("/data/marker", marker.getBytes(StandardCharsets.UTF_8),
                            FileWriteOptions.defaults()).block(WAIT);
                }
                volumes.snapshots(StorageVolumesApi.CUSTOM, volume).create("snap0", null)
                        .flatMap(op -> op.await(WAIT)).block();
                Instant expiry = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

                backups.create(StorageVolumeBackupsPost.named("b1").expiringAt(expiry))
                        .flatMap(op -> op.await(WAIT)).block();

                assertThat(backups.listNames().block()).containsExactly("b1");
                StorageVolumeBackup listed = backups.list().block().get(0);
                assertThat(listed.name()).isEqualTo("b1");
                assertThat(listed.volumeOnly()).isFalse();
                assertThat(listed.optimizedStorage()).isFalse();
                assertThat(listed.expiresAt()).isEqualTo(expiry);
                assertThat(backups.get("b1").block().createdAt()).isBetween(expiry.minus(Duration.ofDays(1))
                        .minus(Duration.ofMinutes(1)), Instant.now());

                backups.rename("b1", "b2").flatMap(op -> op.await(WAIT)).block();
                assertThat(backups.listNames().block()).containsExactly("b2");
                assertThatThrownBy(() -> backups.get("b1").block()).isInstanceOf(IncusNotFoundException.class);

                Path tarball = directory.resolve("volume.tar.gz");
                long size = backups.export("b2", tarball).block(WAIT);
                assertThat(size).isPositive().isEqualTo(Files.size(tarball));
                try (InputStream in = Files.newInputStream(tarball)) {
                    assertThat(in.readNBytes(2)).as("gzip magic").containsExactly(0x1f, 0x8b);
                }

                volumes.importBackup(tarball, restored).flatMap(op -> op.await(WAIT)).block();

                StorageVolume copy = volumes.get(StorageVolumesApi.CUSTOM, restored).block();
                assertThat(copy.config()).containsEntry("user.purpose", "backup test");
                assertThat(volumes.snapshots(StorageVolumesApi.CUSTOM, restored).listNames().block())
                        .containsExactly("snap0");
                try (RunningContainer reader = CustomVolumes.launchWith(client, daemon, POOL, "br", restored)) {
                    assertThat(client.instances().exec(reader.name()).run(ExecRequest.of("cat", "/data/marker")).block(WAIT)
                            .stdoutText()).isEqualTo(marker);
                }

                assertThatThrownBy(() -> volumes.importBackup(tarball, restored).flatMap(op -> op.await(WAIT))
                        .block()).as("a name in use").isInstanceOf(IncusOperationException.class);

                backups.delete("b2").flatMap(op -> op.await(WAIT)).block();
                assertThat(backups.listNames().block()).isEmpty();
            } finally {
                CustomVolumes.delete(volumes, restored);
                CustomVolumes.delete(volumes, volume);
            }
        }
    }

    @Test
    void exportingAMissingBackupFailsAndLeavesNoFile(IncusDaemon daemon, @TempDir Path directory) {
        String volume = Transport.uniqueName("bmiss");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            volumes.create(volume, "filesystem", StorageVolumePut.empty()).flatMap(op -> op.await(WAIT)).block();
            try {
                Path target = directory.resolve("missing.tar.gz");
                assertThatThrownBy(() -> volumes.backups(volume).export("nothing", target)
                        .block(WAIT)).isInstanceOf(IncusNotFoundException.class);
                assertThat(target).doesNotExist();
            } finally {
                CustomVolumes.delete(volumes, volume);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anIsoFileBecomesAnIsoVolumeOfItsSize(Transport transport, IncusDaemon daemon, @TempDir Path directory)
            throws Exception {
        String volume = Transport.uniqueName("iso");
        byte[] content = new byte[64 * 1024];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(content);
        Path iso = Files.write(directory.resolve("image.iso"), content);
        try (IncusClient client = transport.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            try {
                volumes.importIso(iso, volume).flatMap(op -> op.await(WAIT)).block();

                StorageVolume imported = volumes.get(StorageVolumesApi.CUSTOM, volume).block();
                assertThat(imported.contentType()).isEqualTo("iso");
                assertThat(imported.config()).containsEntry("size", Integer.toString(content.length));
            } finally {
                CustomVolumes.delete(volumes, volume);
            }
        }
    }
}
