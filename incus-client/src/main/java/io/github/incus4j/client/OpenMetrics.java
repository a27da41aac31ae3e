package io.github.incus4j.client;

import io.github.incus4j.client.model.MetricSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the samples of an OpenMetrics (or Prometheus) text exposition: {@code name{labels} value
 * [timestamp]} lines; comments ({@code # TYPE}, {@code # HELP}, {@code # EOF}) and blank lines are
 * skipped.
 */
public final class OpenMetrics {

    private OpenMetrics() {
    }

    /**
     * Parses a text exposition.
     *
     * @param text the text, as {@code GET /1.0/metrics} returns it
     * @return the samples, in the order of the text
     * @throws IllegalArgumentException naming the line number when a sample line is malformed
     */
    public static List<MetricSample> parse(String text) {
        List<MetricSample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int number = 0; number < lines.length; number++) {
            String line = lines[number].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (number + 1) + " of the metrics is not a sample ("
                        + e.getMessage() + "): " + line, e);
            }
        }
        return samples;
    }

    private static MetricSample sample(String line) {
        int position = 0;
        while (position < line.length() && line.charAt(position) != '{' && !Character.isWhitespace(line.charAt(position))) {
            position++;
        }
        String name = line.substring(0, position);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("no metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (position < line.length() && line.charAt(position) == '{') {
            position = labels(line, position + 1, labels);
        }
        String[] rest = line.substring(position).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no value");
        }
        return new MetricSample(name, labels, value(rest[0]));
    }

    /** Reads {@code key="value",...}} from just after the brace; returns the position after the closing brace. */
    private static int labels(String line, int start, Map<String, String> labels) {
        int position = start;
        while (true) {
            while (position < line.length() && (line.charAt(position) == ',' || line.charAt(position) == ' ')) {
                position++;
            }
            if (position >= line.length()) {
                throw new IllegalArgumentException("unclosed label set");
            }
            if (line.charAt(position) == '}') {
                return position + 1;
            }
            int equals = line.indexOf('=', position);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("label without a quoted value");
            }
            String key = line.substring(position, equals).strip();
            StringBuilder value = new StringBuilder();
            position = equals + 2;
            while (true) {
                if (position >= line.length()) {
                    throw new IllegalArgumentException("unterminated label value");
                }
                char c = line.charAt(position++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && position < line.length()) {
                    char escaped = line.charAt(position++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
