package io.github.incus4j.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Repeated measurements of one side of a comparison; the median is quoted because these machines
 * are noisy and a median shrugs off the odd slow round.
 */
final class Measurement {

    private final List<Double> rounds = new ArrayList<>();

    void add(double value) {
        rounds.add(value);
    }

    double median() {
        if (rounds.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(rounds);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return rounds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    int size() {
        return rounds.size();
    }
}
