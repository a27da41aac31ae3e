package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.StorageVolume;
import io.github.incus4j.client.model.StorageVolumeBackupsPost;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.client.model.StorageVolumeSource;
import io.github.incus4j.client.model.StorageVolumesPost;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Custom volumes made with the full creation body on a real daemon (copies with and without
 * snapshots, whose files survive), and the volume sub-resources Incus 6.0 lacks, refused by name.
 */
@IncusIntegrationTest
class StorageVolumeCopiesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String POOL = "default";

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCopyHasTheSourcesFilesAndSnapshotsUnlessVolumeOnly(Transport transport, IncusDaemon daemon) {
        String source = Transport.uniqueName("csrc");
        String full = source + "-full";
        String alone = source + "-alone";
        try (IncusClient client = transport.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            volumes.create(source, "filesystem", StorageVolumePut.empty().withDescription("the source")
                    .withConfig("user.origin", "source")).flatMap(op -> op.await(WAIT)).block();
            try {
                String marker = "copied from " + source;
                try (RunningContainer writer = CustomVolumes.launchWith(client, daemon, POOL, "cw", source)) {
                    client.instances().files(writer.name()).write("/data/marker", marker.getBytes(StandardCharsets.UTF_8),
                            FileWriteOptions.defaults()).block(WAIT);
                    assertThatThrownBy(() -> volumes.rename(source, source + "-x").block())
                            .isInstanceOfSatisfying(IncusApiException.class, e -> assertThat(e.serverMessage())
                                    .isEqualTo("Volume is still in use by running instances"));
                }
                volumes.snapshots(StorageVolumesApi.CUSTOM, source).create("snap0", null).flatMap(op -> op.await(WAIT))
                        .block();

                volumes.create(StorageVolumesPost.copyOf(full, StorageVolumeSource.copy(POOL, source))
                        .withDescription("full copy").withConfig("user.origin", "copy"))
                        .flatMap(op -> op.await(WAIT)).block();
                volumes.create(StorageVolumesPost.copyOf(alone, StorageVolumeSource.copy(POOL, source)
                        .withVolumeOnly(true))).flatMap(op -> op.await(WAIT)).block();

                StorageVolume copy = volumes.get(StorageVolumesApi.CUSTOM, full).block();
                assertThat(copy.description()).isEqualTo("full copy");
                assertThat(copy.config()).as("the body's configuration, not the source's")
                        .containsEntry("user.origin", "copy");
                StorageVolume aloneCopy = volumes.get(StorageVolumesApi.CUSTOM, alone).block();
                assertThat(aloneCopy.config()).as("the body's empty configuration").doesNotContainKey("user.origin");
                assertThat(aloneCopy.description()).as("an empty description takes the source's")
                        .isEqualTo("the source");
                assertThat(volumes.snapshots(StorageVolumesApi.CUSTOM, full).listNames().block()).containsExactly("snap0");
                assertThat(volumes.snapshots(StorageVolumesApi.CUSTOM, alone).listNames().block()).isEmpty();
                try (RunningContainer reader = CustomVolumes.launchWith(client, daemon, POOL, "cr", alone)) {
                    assertThat(client.instances().exec(reader.name()).run(ExecRequest.of("cat", "/data/marker")).block(WAIT)
                            .stdoutText()).isEqualTo(marker);
                }
                assertThat(volumes.listNames(StorageVolumesApi.CUSTOM).block())
                        .contains(source, full, alone);
            } finally {
                CustomVolumes.delete(volumes, alone);
                CustomVolumes.delete(volumes, full);
                CustomVolumes.delete(volumes, source);
            }
        }
    }

    @Test
    void anEmptyVolumeMadeThroughTheUntypedCollectionIsReadyAtOnce(IncusDaemon daemon) {
        String name = Transport.uniqueName("untyped");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            try {
                var handle = volumes.create(new StorageVolumesPost(name, StorageVolumesApi.CUSTOM, "block", "raw disk",
                        Map.of("size", "8MiB"), null)).block();
                assertThat(handle.await(WAIT).block().isSuccess()).isTrue();

                StorageVolume volume = volumes.get(StorageVolumesApi.CUSTOM, name).block();
                assertThat(volume.contentType()).isEqualTo("block");
                assertThat(volume.description()).isEqualTo("raw disk");
                assertThat(volume.config()).containsEntry("size", "8MiB");
            } finally {
                CustomVolumes.delete(volumes, name);
            }
        }
    }

    @Test
    void subResourcesIncus60LacksAreRefusedNamingTheirExtension(IncusDaemon daemon, @TempDir Path directory) {
        String name = Transport.uniqueName("lacks");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes(POOL);
            volumes.create(name, "filesystem", StorageVolumePut.empty()).flatMap(op -> op.await(WAIT)).block();
            try {
                Map<String, Runnable> calls = Map.of(
                        "storage_volume_full", () -> volumes.getFull(StorageVolumesApi.CUSTOM, name).block(),
                        "storage_volumes_rebuild", () -> volumes.rebuild(StorageVolumesApi.CUSTOM, name).block(),
                        "file_storage_volume", () -> volumes.files(name).read("/").block(),
                        "storage_volume_nbd", () -> volumes.bitmaps(StorageVolumesApi.CUSTOM, name)
                                .create(StorageVolumeBitmapsPost.named("b0")).block(),
                        "direct_backup", () -> volumes.backups(name).createDirect(
                                StorageVolumeBackupsPost.named(""), directory.resolve("direct.tar.gz")).block());
                boolean has60 = daemon.version().startsWith("6.0");
                calls.forEach((extension, call) -> {
                    if (has60 || !client.extensions().has(extension).block()) {
                        assertThatThrownBy(call::run).as(extension).isInstanceOfSatisfying(
                                IncusUnsupportedException.class, e -> assertThat(e.getMessage()).contains(extension));
                    }
                });
                assertThat(directory.resolve("direct.tar.gz")).doesNotExist();
            } finally {
                CustomVolumes.delete(volumes, name);
            }
        }
    }
}
