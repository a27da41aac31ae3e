package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.model.MetricSample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMetricsTest {

    @Test
    void samplesWithAndWithoutLabelsAreRead() {
        String text = """
                # HELP incus_cpu_seconds_total The total number of CPU time used in seconds.
                # TYPE incus_cpu_seconds_total counter
                incus_cpu_seconds_total{cpu="0",mode="system",name="c1",project="default",type="container"} 1.5
                incus_uptime_seconds 432.58
                incus_go_next_gc_bytes 1.5905432e+07
                odd{path="a\\\\b \\"q\\"\\nz"} -Inf 1700000000000

                # EOF
                """;

        List<MetricSample> samples = OpenMetrics.parse(text);

        assertThat(samples).hasSize(4);
        assertThat(samples.get(0)).isEqualTo(new MetricSample("incus_cpu_seconds_total", Map.of("cpu", "0",
                "mode", "system", "name", "c1", "project", "default", "type", "container"), 1.5));
        assertThat(samples.get(0).label("name")).isEqualTo("c1");
        assertThat(samples.get(0).label("missing")).isEmpty();
        assertThat(samples.get(1).labels()).isEmpty();
        assertThat(samples.get(2).value()).isEqualTo(15905432.0);
        assertThat(samples.get(3).labels()).containsEntry("path", "a\\b \"q\"\nz");
        assertThat(samples.get(3).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void anEmptyExpositionHasNoSamples() {
        assertThat(OpenMetrics.parse("# EOF\n")).isEmpty();
        assertThat(OpenMetrics.parse("")).isEmpty();
    }

    @Test
    void aBrokenLineIsReportedWithItsNumber() {
        assertThatThrownBy(() -> OpenMetrics.parse("a 1\nb{x=\"1\" 2\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> OpenMetrics.parse("novalue\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }
}
