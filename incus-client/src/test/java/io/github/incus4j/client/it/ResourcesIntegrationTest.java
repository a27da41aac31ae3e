package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Resources;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The host's resources and the configuration metadata on a real daemon. */
@IncusIntegrationTest
class ResourcesIntegrationTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHostsHardwareIsTypedAtTheTop(Transport transport, IncusDaemon daemon) throws IOException {
        try (IncusClient client = transport.client(daemon)) {
            Resources resources = client.resources().get().block();

            assertThat(resources.cpu().total()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(resources.cpu().architecture()).isEqualTo(client.server().get().block().environment()
                    .kernelArchitecture());
            assertThat(resources.cpu().sockets()).hasSize(hostSockets());
            assertThat(resources.memory().total()).isGreaterThan(resources.memory().used()).isPositive();
            assertThat(resources.load().processes()).isPositive();
            assertThat(resources.load().average1Min()).isGreaterThanOrEqualTo(0.0);
            // The disks are the host's block devices, each with its size.
            assertThat(resources.storage().disks()).isNotEmpty().allSatisfy(disk -> {
                assertThat(Path.of("/sys/block", String.valueOf(disk.get("id")))).exists();
                assertThat(((Number) disk.get("size")).longValue()).isPositive();
            });
            assertThat(resources.system()).containsKey("type");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theConfigurationMetadataDescribesTheKeys(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon)) {
            Map<String, Object> metadata = client.resources().configurationMetadata().block();

            assertThat(metadata).containsKey("configs");
            @SuppressWarnings("unchecked")
            Map<String, Object> configs = (Map<String, Object>) metadata.get("configs");
            assertThat(configs).containsKeys("instance", "project", "server");
        }
    }

    /** The CPU sockets of this host, as Linux numbers them (physical package ids). */
    private static int hostSockets() throws IOException {
        try (Stream<Path> cpus = Files.list(Path.of("/sys/devices/system/cpu"))) {
            return (int) cpus.filter(cpu -> cpu.getFileName().toString().matches("cpu\\d+"))
                    .map(cpu -> cpu.resolve("topology/physical_package_id"))
                    .filter(Files::exists)
                    .map(ResourcesIntegrationTest::read)
                    .distinct().count();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
