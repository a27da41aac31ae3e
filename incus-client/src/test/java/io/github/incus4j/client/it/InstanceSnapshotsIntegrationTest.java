package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceSnapshotsApi;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.InstanceSnapshot;
import io.github.incus4j.client.model.InstanceSnapshotPut;
import io.github.incus4j.client.model.InstanceSnapshotsPost;
import io.github.incus4j.client.model.InstanceState;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Instance snapshots on a real daemon: take, read, change, restore, rename, delete. */
@IncusIntegrationTest
class InstanceSnapshotsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MARKER = "/marker";

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSnapshotRestoresTheFilesItSawThenIsRenamedAndDeleted(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "snap")) {
            String name = container.name();
            InstanceSnapshotsApi snapshots = client.instances().snapshots(name);
            write(client, name, "before");
            Instant expiry = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

            snapshots.create(InstanceSnapshotsPost.named("s1").expiringAt(expiry))
                    .flatMap(op -> op.await(WAIT)).block();
            write(client, name, "after");

            assertThat(snapshots.listNames().block()).containsExactly("s1");
            InstanceSnapshot listed = snapshots.list().block().get(0);
            assertThat(listed.name()).isEqualTo("s1");
            assertThat(listed.expiresAt()).isEqualTo(expiry);
            assertThat(listed.stateful()).isFalse();
            assertThat(listed.createdAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)), Instant.now());

            snapshots.create(InstanceSnapshotsPost.named("later")).flatMap(op -> op.await(WAIT)).block();
            long initBefore = client.instances().state(name).block(WAIT).pid();

            snapshots.restore("s1").flatMap(op -> op.await(WAIT)).block();

            assertThat(read(client, name)).isEqualTo("before");
            // Measured on Incus 6.0.4 (dir driver): the running container was restarted, and the
            // snapshot taken after the restored one is still there.
            InstanceState after = client.instances().state(name).block(WAIT);
            assertThat(after.status()).isEqualTo("Running");
            assertThat(after.pid()).isPositive().isNotEqualTo(initBefore);
            assertThat(snapshots.listNames().block()).containsExactly("s1", "later");
            snapshots.delete("later").flatMap(op -> op.await(WAIT)).block();

            snapshots.rename("s1", "s2").flatMap(op -> op.await(WAIT)).block();
            assertThat(snapshots.listNames().block()).containsExactly("s2");
            assertThatThrownBy(() -> snapshots.get("s1").block()).isInstanceOf(IncusNotFoundException.class);

            snapshots.delete("s2").flatMap(op -> op.await(WAIT)).block();
            assertThat(snapshots.listNames().block()).isEmpty();
            assertThat(snapshots.list().block()).isEmpty();
        }
    }

    @Test
    void theExpiryIsChangedWithTheEtagAndAStaleEtagIsRefused(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "snapput")) {
            String name = container.name();
            InstanceSnapshotsApi snapshots = client.instances().snapshots(name);
            snapshots.create(InstanceSnapshotsPost.named("keep")).flatMap(op -> op.await(WAIT)).block();
            ETagged<InstanceSnapshot> read = snapshots.getWithEtag("keep").block();
            assertThat(read.etag()).isNotBlank();
            Instant later = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);

            snapshots.update("keep", InstanceSnapshotPut.expiringAt(later), read.etag())
                    .flatMap(op -> op.await(WAIT)).block();

            assertThat(snapshots.get("keep").block().expiresAt()).isEqualTo(later);
            assertThatThrownBy(() -> snapshots.update("keep", InstanceSnapshotPut.from(read.value()), read.etag())
                    .flatMap(op -> op.await(WAIT)).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);
            Instant sooner = later.minus(Duration.ofDays(1));
            snapshots.patch("keep", InstanceSnapshotPut.expiringAt(sooner), null)
                    .flatMap(op -> op.await(WAIT)).block();
            assertThat(snapshots.get("keep").block().expiresAt()).isEqualTo(sooner);
        }
    }

    @Test
    void aStatefulSnapshotIsAskedForAndTheDaemonSaysWhyItCannot(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "snapstate")) {
            InstanceSnapshotsApi snapshots = client.instances().snapshots(container.name());

            // Containers need CRIU for a stateful snapshot, which the test daemon does not have.
            assertThatThrownBy(() -> snapshots.create(
                    InstanceSnapshotsPost.named("live").withStateful(true)).flatMap(op -> op.await(WAIT)).block())
                    .isInstanceOf(IncusException.class)
                    .hasMessageContaining("tateful");
            assertThat(snapshots.listNames().block()).doesNotContain("live");
        }
    }

    private static void write(IncusClient client, String instance, String text) {
        client.instances().files(instance).write(MARKER, text.getBytes(StandardCharsets.UTF_8), FileWriteOptions.defaults())
                .block(WAIT);
    }

    private static String read(IncusClient client, String instance) {
        return new String(client.instances().files(instance).read(MARKER).block(WAIT), StandardCharsets.UTF_8);
    }
}
