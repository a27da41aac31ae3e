package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.BackupImport;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.FileWriteOptions;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceBackupsApi;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstanceBackup;
import io.github.incus4j.client.model.InstanceBackupsPost;
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

/** Instance backups on a real daemon: make, list, rename, download, import as a new instance, delete. */
@IncusIntegrationTest
class InstanceBackupsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDownloadedBackupIsImportedAsANewInstanceThatStartsWithTheSameFiles(Transport transport, IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        try (IncusClient client = transport.client(daemon);
                RunningContainer source = RunningContainer.launch(client, daemon, "bak")) {
            InstanceBackupsApi backups = client.instances().backups(source.name());
            String marker = "backed up " + source.name();
            client.instances().files(source.name()).write("/marker", marker.getBytes(StandardCharsets.UTF_8),
                    FileWriteOptions.defaults()).block(WAIT);
            Instant expiry = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

            backups.create(InstanceBackupsPost.named("b1").expiringAt(expiry).withInstanceOnly(true))
                    .flatMap(op -> op.await(WAIT)).block();

            assertThat(backups.listNames().block()).containsExactly("b1");
            InstanceBackup listed = backups.list().block().get(0);
            assertThat(listed.name()).isEqualTo("b1");
            assertThat(listed.instanceOnly()).isTrue();
            assertThat(listed.expiresAt()).isEqualTo(expiry);
            assertThat(backups.get("b1").block().createdAt()).isBetween(Instant.now().minus(Duration.ofMinutes(5)),
                    Instant.now());

            backups.rename("b1", "b2").flatMap(op -> op.await(WAIT)).block();
            assertThat(backups.listNames().block()).containsExactly("b2");
            assertThatThrownBy(() -> backups.get("b1").block()).isInstanceOf(IncusNotFoundException.class);

            Path tarball = directory.resolve("backup.tar.gz");
            long size = backups.export("b2", tarball).block(WAIT);
            assertThat(size).isPositive().isEqualTo(Files.size(tarball));
            try (InputStream in = Files.newInputStream(tarball)) {
                byte[] magic = in.readNBytes(2);
                assertThat(magic).as("gzip magic").containsExactly(0x1f, 0x8b);
            }

            String copy = Transport.uniqueName("restored");
            client.instances().importBackup(tarball, BackupImport.named(copy)).flatMap(op -> op.await(WAIT)).block();
            try (RunningContainer restored = RunningContainer.adopt(client, copy)) {
                client.instances().start(copy).flatMap(op -> op.await(WAIT)).block();
                assertThat(client.instances().get(copy).block().status()).isEqualTo("Running");
                assertThat(client.instances().exec(copy).run(ExecRequest.of("cat", "/marker")).block(WAIT).stdoutText())
                        .isEqualTo(marker);
            }

            backups.delete("b2").flatMap(op -> op.await(WAIT)).block();
            assertThat(backups.listNames().block()).isEmpty();
        }
    }

    @Test
    void exportingAMissingBackupFailsAndLeavesNoFile(IncusDaemon daemon, @TempDir Path directory) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer source = RunningContainer.launch(client, daemon, "bakmiss")) {
            Path target = directory.resolve("missing.tar.gz");

            assertThatThrownBy(() -> client.instances().backups(source.name()).export("nothing", target).block(WAIT))
                    .isInstanceOf(IncusNotFoundException.class);
            assertThat(target).doesNotExist();
        }
    }
}
