package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceConsoleApi;
import io.github.incus4j.client.InstanceLogsApi;
import io.github.incus4j.client.InstanceMetadataApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusPreconditionFailedException;
import io.github.incus4j.client.model.ImageMetadata;
import io.github.incus4j.client.model.ImageMetadataTemplate;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log files, the console log, image metadata and templates of an instance on a real daemon. */
@IncusIntegrationTest
class InstanceLogsAndMetadataIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void logFilesAreListedReadAndDownloadedAndTheDaemonsOwnLogIsNotDeleted(IncusDaemon daemon,
            @TempDir Path directory) throws Exception {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "logs")) {
            InstanceLogsApi logs = client.instances().logs(container.name());

            // Measured on Incus 6.0.4: a container's only listed log, though its directory holds more.
            assertThat(logs.listNames().block()).containsExactly("lxc.log");
            assertThatThrownBy(() -> logs.read("lxc.conf").block())
                    .isInstanceOfSatisfying(IncusApiException.class, refused -> assertThat(refused.serverMessage())
                            .isEqualTo("Log file name \"lxc.conf\" not valid"));
            assertThatThrownBy(() -> logs.read("qemu.log").block()).isInstanceOf(IncusNotFoundException.class);
            String log = logs.read("lxc.log").block();
            assertThat(log).startsWith("lxc " + container.name() + " ");
            Path copy = directory.resolve("lxc.log");
            long size = logs.download("lxc.log", copy).block(WAIT);
            assertThat(size).isEqualTo(Files.size(copy)).isGreaterThanOrEqualTo(log.length());
            assertThat(Files.readString(copy)).startsWith(log);

            assertThatThrownBy(() -> logs.delete("lxc.log").block())
                    .isInstanceOfSatisfying(IncusApiException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.serverMessage())
                                .isEqualTo("Only log files excluding qemu.log and lxc.log may be deleted");
                    });
            assertThatThrownBy(() -> logs.read("no-such.log").block())
                    .isInstanceOfSatisfying(IncusApiException.class, refused -> assertThat(refused.status()).isEqualTo(400))
                    .hasMessageContaining("not valid");
        }
    }

    @Test
    void whatTheInstanceWritesToItsConsoleIsReadThenCleared(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "console")) {
            InstanceLogsApi logs = client.instances().logs(container.name());
            String marker = "console-marker-" + container.name();

            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("sh", "-c", "echo " + marker
                    + " > /dev/console")).block(WAIT).exitCode()).isZero();

            // The daemon copies the console into its log buffer on its own; read until the line
            // is there, at most 10 s.
            InstanceConsoleApi consoleApi = client.instances().console(container.name());
            String console = consoleApi.log().block();
            for (int attempt = 0; attempt < 100 && !console.contains(marker); attempt++) {
                sleep(100);
                console = consoleApi.log().block();
            }
            assertThat(console).contains(marker);
            // Measured on Incus 6.0.4: a read of a running container's console log takes what it returns.
            assertThat(consoleApi.log().block()).doesNotContain(marker);
            assertThat(client.instances().exec(container.name()).run(ExecRequest.of("sh", "-c", "echo again-" + marker
                    + " > /dev/console")).block(WAIT).exitCode()).isZero();
            consoleApi.clearLog().block();
            assertThat(consoleApi.log().block()).doesNotContain(marker);
        }
    }

    @Test
    void metadataAndTemplatesAreReadWrittenPatchedAndDeleted(IncusDaemon daemon) {
        try (IncusClient client = Transport.UNIX_SOCKET.client(daemon);
                RunningContainer container = RunningContainer.launch(client, daemon, "meta")) {
            String name = container.name();
            InstanceMetadataApi metadata = client.instances().metadata(name);

            ETagged<ImageMetadata> read = metadata.getWithEtag().block();
            assertThat(read.value().architecture()).isEqualTo(client.images().get(daemon.imageFingerprint()).block()
                    .architecture());
            assertThat(read.value().creationDate()).isPositive();
            assertThat(read.etag()).isNotBlank();

            metadata.templates().write("hostname.tpl", "{{ instance.name }}\n").block();
            assertThat(metadata.templates().listNames().block()).contains("hostname.tpl");
            assertThat(metadata.templates().read("hostname.tpl").block()).isEqualTo("{{ instance.name }}\n");

            ImageMetadata changed = read.value().withProperty("description", "changed by a test")
                    .withTemplate("/etc/hostname", ImageMetadataTemplate.of("hostname.tpl", "create", "copy"));
            metadata.update(changed, read.etag()).block();
            ImageMetadata written = metadata.get().block();
            assertThat(written.properties()).containsEntry("description", "changed by a test");
            assertThat(written.templates()).containsKey("/etc/hostname");
            assertThat(written.templates().get("/etc/hostname").template()).isEqualTo("hostname.tpl");
            assertThat(written.templates().get("/etc/hostname").when()).containsExactly("create", "copy");
            assertThat(written.architecture()).isEqualTo(read.value().architecture());

            // The daemon does not check If-Match on this PUT (the specification lists 412, incusd
            // ignores it), but the ETag still tells a caller that the metadata changed.
            assertThat(metadata.getWithEtag().block().etag()).isNotBlank().isNotEqualTo(read.etag());
            metadata.update(changed, read.etag()).block();
            // PATCH does check it (measured on Incus 6.0.4).
            assertThatThrownBy(() -> metadata.patch(Map.of("properties", Map.of("os", "stale")), read.etag()).block())
                    .isInstanceOf(IncusPreconditionFailedException.class);
            metadata.patch(Map.of("properties", Map.of("os", "patched")), metadata.getWithEtag().block().etag()).block();
            ImageMetadata patched = metadata.get().block();
            assertThat(patched.properties()).containsEntry("os", "patched");
            assertThat(patched.templates()).containsKey("/etc/hostname");

            metadata.templates().delete("hostname.tpl").block();
            assertThat(metadata.templates().listNames().block()).doesNotContain("hostname.tpl");
            assertThatThrownBy(() -> metadata.templates().read("hostname.tpl").block())
                    .isInstanceOf(IncusNotFoundException.class);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the console log", e);
        }
    }
}
