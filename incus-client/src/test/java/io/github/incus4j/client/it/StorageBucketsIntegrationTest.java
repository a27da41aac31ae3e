package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.StorageBucketsApi;
import io.github.incus4j.client.exception.IncusApiException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.StorageBucketPut;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Buckets on a real daemon whose only pool is {@code dir} and which has no MinIO: what a user of
 * such a server sees. Buckets with a backend are covered by {@code StorageBucketsRequestsTest}.
 */
@IncusIntegrationTest
class StorageBucketsIntegrationTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDirPoolWithoutMinioListsNoBucketsAndRefusesToCreateOne(Transport transport, IncusDaemon daemon) {
        String name = Transport.uniqueName("bkt");
        try (IncusClient client = transport.client(daemon)) {
            StorageBucketsApi buckets = client.storagePools().buckets("default");

            // Without MinIO no bucket can exist on a dir pool, in any project.
            assertThat(buckets.listNames().block()).doesNotContain(name).isEmpty();
            assertThat(buckets.list(ListOptions.allProjectsOptions()).block()).isEmpty();
            assertThatThrownBy(() -> buckets.create(name, StorageBucketPut.empty()).block())
                    .isInstanceOfSatisfying(IncusApiException.class,
                            e -> assertThat(e.serverMessage()).contains("MinIO"));
            assertThatThrownBy(() -> buckets.get(name).block()).isInstanceOf(IncusNotFoundException.class);
            assertThatThrownBy(() -> buckets.keys(name).listNames().block()).isInstanceOf(IncusNotFoundException.class);
        }
    }
}
