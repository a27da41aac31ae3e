package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Resources;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The host's resources and the configuration metadata on a real daemon. */
@IncusIntegrationTest
class ResourcesIntegrationTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHostsHardwareIsTypedAtTheTop(Transport transport, IncusDaemon daemon) {
        try (IncusClient client = transport.client(daemon)) {
            Resources resources = client.resources().get().block();

            assertThat(resources.cpu().total()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(resources.cpu().architecture()).isEqualTo(client.server().get().block().environment()
                    .kernelArchitecture());
            assertThat(resources.cpu().sockets()).isNotEmpty();
            assertThat(resources.memory().total()).isGreaterThan(resources.memory().used()).isPositive();
            assertThat(resources.load().processes()).isPositive();
            assertThat(resources.load().average1Min()).isGreaterThanOrEqualTo(0.0);
            assertThat(resources.storage()).isNotNull();
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
}
