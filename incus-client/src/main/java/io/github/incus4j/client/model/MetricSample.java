package io.github.incus4j.client.model;

import java.util.Map;

/**
 * One sample of the OpenMetrics text of {@code GET /1.0/metrics}: a metric name, its labels
 * and its value.
 *
 * @param name the sample name, such as {@code incus_memory_MemFree_bytes}
 * @param labels the labels, such as {@code name=c1}, {@code project=default}, {@code type=container}
 * @param value the value; {@code NaN} and infinities as OpenMetrics writes them
 */
public record MetricSample(
        String name,
        Map<String, String> labels,
        double value) {

    /**
     * Normalises missing fields.
     *
     * @param name the sample name, such as {@code incus_memory_MemFree_bytes}
     * @param labels the labels, such as {@code name=c1}, {@code project=default}, {@code
     *     type=container}
     * @param value the value; {@code NaN} and infinities as OpenMetrics writes them
     */
    public MetricSample {
        name = Wire.text(name);
        labels = Wire.map(labels);
    }

    /**
     * Returns one label.
     *
     * @param label the label name
     * @return its value, or {@code ""} when the sample has no such label
     */
    public String label(String label) {
        return labels.getOrDefault(label, "");
    }
}
