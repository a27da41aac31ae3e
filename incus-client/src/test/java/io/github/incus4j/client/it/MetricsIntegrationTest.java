package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.MetricSample;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Metrics on a real daemon. The daemon caches its exposition and may answer a bare {@code # EOF}
 * right after a restart, so the test reads again (at most 30 times, 1 s apart) until the running
 * container shows up.
 */
@IncusIntegrationTest
class MetricsIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aRunningContainerAppearsInTheMetricsWithItsLabels(IncusDaemon daemon) throws InterruptedException {
        String name = Transport.uniqueName("metrics");
        try (IncusClient client = Transport.HTTPS.client(daemon)) {
            client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                    .flatMap(creation -> creation.await(WAIT)).block();
            try {
                String text = client.metrics().text().block();
                assertThat(text.strip()).endsWith("# EOF");

                List<MetricSample> mine = List.of();
                for (int attempt = 0; attempt < 30 && mine.isEmpty(); attempt++) {
                    if (attempt > 0) {
                        Thread.sleep(1000);
                    }
                    mine = client.metrics().samples().block().stream()
                            .filter(sample -> sample.label("name").equals(name)).toList();
                }

                assertThat(mine).isNotEmpty();
                assertThat(mine).allSatisfy(sample -> {
                    assertThat(sample.name()).startsWith("incus_");
                    assertThat(sample.label("project")).isEqualTo("default");
                    assertThat(sample.label("type")).isEqualTo("container");
                });
                assertThat(mine).filteredOn(sample -> sample.name().equals("incus_procs_total"))
                        .singleElement().satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(1));
            } finally {
                client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
                client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
            }
        }
    }
}
