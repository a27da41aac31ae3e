package io.github.incus4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark case with tiny counts, so the harness keeps working. It checks that each
 * case produced figures, never what the figures are: benchmarks are not timed tests.
 */
@IncusIntegrationTest
class BenchmarkSmokeTest {

    @Test
    void everyCaseProducesFigures(IncusDaemon daemon) throws Exception {
        List<Result> results = BenchmarkMain.run(daemon, Settings.smokeRun());

        System.out.println(Report.table(results));
        assertThat(results).extracting(Result::id).contains("B1", "B2", "B3", "B4", "B4r", "B5", "B6", "B6r", "B7a", "B7b", "B8",
                "B9m", "B10", "B11", "B12", "B12b", "B13 1 MiB", "B14 list 10", "B14 events 1", "B14 file 1 MiB", "B15",
                "B15i", "B16", "B16f");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.client()).matches(".*\\d.*");
            assertThat(result.description()).isNotBlank();
        });
    }
}
