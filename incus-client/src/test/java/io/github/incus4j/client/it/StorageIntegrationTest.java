package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.StorageVolumeSnapshotsApi;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.StoragePool;
import io.github.incus4j.client.model.StoragePoolPut;
import io.github.incus4j.client.model.StoragePoolResources;
import io.github.incus4j.client.model.StorageVolume;
import io.github.incus4j.client.model.StorageVolumePut;
import io.github.incus4j.client.model.StorageVolumeSnapshot;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Storage pools (driver dir), custom volumes and their snapshots on a real daemon. */
@IncusIntegrationTest
class StorageIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDirPoolLivesItsWholeLife(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("pool");
        try (IncusClient client = transport.client(daemon)) {
            client.storagePools().create(name, "dir", StoragePoolPut.empty().withDescription("test pool")).block();

            StoragePool pool = client.storagePools().get(name).block();
            assertThat(pool.driver()).isEqualTo("dir");
            assertThat(pool.status()).isEqualTo("Created");
            assertThat(pool.description()).isEqualTo("test pool");
            assertThat(pool.config()).containsKey("source");
            assertThat(client.storagePools().listNames().block()).contains("default", name);
            assertThat(client.storagePools().list().block()).extracting(StoragePool::name)
                    .contains(name);
            StoragePoolResources resources = client.storagePools().resources(name).block();
            assertThat(resources.space().total()).isPositive();
            assertThat(resources.inodes().used()).isPositive();

            ETagged<StoragePool> read = client.storagePools().getWithEtag(name).block();
            client.storagePools().update(name, read.value().toPut().withConfig("user.a", "1"), read.etag()).block();
            assertThatThrownBy(() -> client.storagePools()
                    .update(name, read.value().toPut().withDescription("stale"), read.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);
            client.storagePools().patch(name, Map.of("description", "patched"), null).block();
            assertThat(client.storagePools().get(name).block())
                    .satisfies(found -> assertThat(found.description()).isEqualTo("patched"))
                    .satisfies(found -> assertThat(found.config()).containsEntry("user.a", "1"));

            client.storagePools().delete(name).block();
            assertThatThrownBy(() -> client.storagePools().get(name).block()).isInstanceOf(IncusNotFoundException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomVolumeWithSnapshotsLivesItsWholeLife(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("vol");
        String renamed = name + "-b";
        try (IncusClient client = transport.client(daemon)) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            StorageVolumesApi volumes = client.storagePools().volumes("default");
            StorageVolumeSnapshotsApi snapshots = volumes.snapshots(StorageVolumesApi.CUSTOM, name);
            Operation created = volumes.create(name, "filesystem", StorageVolumePut.empty()
                    .withDescription("test volume").withConfig("user.purpose", "tests"))
                    .flatMap(creation -> creation.await(WAIT)).block();
            assertThat(created.isSuccess()).isTrue();

            StorageVolume volume = volumes.get(StorageVolumesApi.CUSTOM, name).block();
            assertThat(volume.type()).isEqualTo("custom");
            assertThat(volume.contentType()).isEqualTo("filesystem");
            assertThat(volume.config()).containsEntry("user.purpose", "tests");
            assertThat(volume.createdAt()).isBetween(start, Instant.now());
            assertThat(volumes.listNames().block()).contains("custom/" + name);
            assertThat(volumes.listNames(StorageVolumesApi.CUSTOM).block()).contains(name);
            assertThat(volumes.list().block()).extracting(StorageVolume::name).contains(name);
            assertThat(volumes.list(StorageVolumesApi.CUSTOM).block())
                    .extracting(StorageVolume::name).contains(name);
            assertThat(volumes.state(StorageVolumesApi.CUSTOM, name).block().usage())
                    .as("the dir driver tells no usage for a volume without a size").isNull();

            Instant expiry = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            snapshots.create("snap0", expiry)
                    .flatMap(snapshot -> snapshot.await(WAIT)).block();
            snapshots.create("snap1", null)
                    .flatMap(snapshot -> snapshot.await(WAIT)).block();
            assertThat(snapshots.listNames().block())
                    .containsExactlyInAnyOrder("snap0", "snap1");
            StorageVolumeSnapshot snapshot = snapshots.get("snap0").block();
            assertThat(snapshot.expiresAt()).isEqualTo(expiry);
            assertThat(snapshot.createdAt()).isBetween(start, Instant.now());

            ETagged<StorageVolumeSnapshot> snapshotRead = snapshots.getWithEtag("snap1").block();
            snapshots.update("snap1",
                    snapshotRead.value().toPut().withDescription("kept"), snapshotRead.etag()).block();
            snapshots.patch("snap0", Map.of("description", "first"), null)
                    .block();
            snapshots.rename("snap1", "kept")
                    .flatMap(rename -> rename.await(WAIT)).block();
            assertThat(snapshots.list().block())
                    .extracting(StorageVolumeSnapshot::name, StorageVolumeSnapshot::description)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("snap0", "first"),
                            org.assertj.core.groups.Tuple.tuple("kept", "kept"));
            assertThat(snapshots.list().block()).filteredOn(listed -> listed.name().equals("kept")).singleElement()
                    .satisfies(listed -> {
                        assertThat(listed.contentType()).as("Incus 6.0.4 leaves it empty in the list").isEmpty();
                        assertThat(listed.expiresAt()).as("never expires: no zero time in the list").isNull();
                    });
            assertThat(snapshots.get("kept").block().contentType()).isEqualTo("filesystem");
            snapshots.delete("snap0")
                    .flatMap(deletion -> deletion.await(WAIT)).block();
            assertThat(snapshots.listNames().block()).containsExactly("kept");

            volumes.rename(name, renamed).flatMap(rename -> rename.await(WAIT)).block();
            assertThatThrownBy(() -> volumes.get(StorageVolumesApi.CUSTOM, name).block())
                    .isInstanceOf(IncusNotFoundException.class);
            assertThat(volumes.snapshots(StorageVolumesApi.CUSTOM, renamed).listNames().block()).containsExactly("kept");

            volumes.delete(renamed).block();
            assertThat(volumes.listNames(StorageVolumesApi.CUSTOM).block())
                    .doesNotContain(name, renamed);
        }
    }

    @Test
    void aVolumeUpdateWithAStaleEtagIsRefusedWith412(IncusDaemon daemon) {
        String name = Transport.uniqueName("vol-etag");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes("default");
            volumes.create(name, "filesystem", StorageVolumePut.empty()).flatMap(creation -> creation.await(WAIT))
                    .block();
            ETagged<StorageVolume> read = volumes.getWithEtag(StorageVolumesApi.CUSTOM, name).block();
            assertThat(read.etag()).isNotBlank();

            volumes.update(StorageVolumesApi.CUSTOM, name, read.value().toPut().withConfig("user.a", "1"), read.etag())
                    .block();

            assertThatThrownBy(() -> volumes.update(StorageVolumesApi.CUSTOM, name,
                    read.value().toPut().withConfig("user.a", "2"), read.etag()).block())
                    .isInstanceOfSatisfying(IncusPreconditionFailedException.class,
                            e -> assertThat(e.serverMessage()).contains("ETag doesn't match"));
            assertThatThrownBy(() -> volumes.patch(StorageVolumesApi.CUSTOM, name, Map.of("description", "x"),
                    read.etag()).block()).isInstanceOf(IncusPreconditionFailedException.class);
            assertThat(volumes.get(StorageVolumesApi.CUSTOM, name).block().config()).containsEntry("user.a", "1");
            volumes.delete(name).block();
        }
    }

    @Test
    void aSnapshotRestoresTheVolumeThroughPut(IncusDaemon daemon) {
        String name = Transport.uniqueName("vol-restore");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes("default");
            volumes.create(name, "filesystem", StorageVolumePut.empty().withDescription("before"))
                    .flatMap(creation -> creation.await(WAIT)).block();
            volumes.snapshots(StorageVolumesApi.CUSTOM, name).create("before", null)
                    .flatMap(snapshot -> snapshot.await(WAIT)).block();

            StorageVolume volume = volumes.get(StorageVolumesApi.CUSTOM, name).block();
            volumes.update(StorageVolumesApi.CUSTOM, name, volume.toPut().restoring("before"), null).block();

            assertThat(volumes.snapshots(StorageVolumesApi.CUSTOM, name).listNames().block()).containsExactly("before");
            assertThatThrownBy(() -> volumes.update(StorageVolumesApi.CUSTOM, name,
                    volume.toPut().restoring("no-such-snapshot"), null).block())
                    .isInstanceOf(io.github.incus4j.client.exception.IncusApiException.class);
            volumes.snapshots(StorageVolumesApi.CUSTOM, name).delete("before").flatMap(deletion -> deletion.await(WAIT))
                    .block();
            volumes.delete(name).block();
        }
    }

    @Test
    void theVolumeOfAnInstanceSnapshotIsListedWithItsSnapshotsSegment(IncusDaemon daemon) {
        String instance = Transport.uniqueName("snapvol");
        daemon.incusOrFail("init", "--empty", instance);
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            daemon.incusOrFail("snapshot", "create", instance, "snap0");
            StorageVolumesApi volumes = client.storagePools().volumes("default");

            assertThat(volumes.listNames().block())
                    .contains("container/" + instance, "container/" + instance + "/snapshots/snap0");
            assertThat(volumes.listNames("container").block()).contains(instance, instance + "/snapshots/snap0");
            assertThat(volumes.snapshots("container", instance).listNames().block()).containsExactly("snap0");
        } finally {
            daemon.incusOrFail("delete", instance);
        }
    }

    @Test
    void aVolumeThatAStoppedInstanceUsesIsNotDeleted(IncusDaemon daemon) {
        String volume = Transport.uniqueName("inuse");
        String instance = Transport.uniqueName("user");
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon)) {
            StorageVolumesApi volumes = client.storagePools().volumes("default");
            volumes.create(volume, "filesystem", StorageVolumePut.empty()).flatMap(op -> op.await(WAIT)).block();
            daemon.incusOrFail("init", "--empty", instance);
            try {
                daemon.incusOrFail("config", "device", "add", instance, "data", "disk", "pool=default",
                        "source=" + volume, "path=/data");

                assertThatThrownBy(() -> volumes.delete(volume).block()).isInstanceOfSatisfying(
                        IncusApiException.class, e -> assertThat(e.serverMessage())
                                .isEqualTo("The storage volume is still in use"));
            } finally {
                daemon.incusOrFail("delete", instance);
                CustomVolumes.delete(volumes, volume);
            }
        }
    }
}
