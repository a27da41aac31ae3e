package io.github.incus4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Formats figures and writes the table, to the console and to docs/BENCHMARKS.md. */
final class Report {

    private Report() {
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f req/s", perSecond);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    static String millis(double millis) {
        return String.format(Locale.ROOT, "%.1f ms", millis);
    }

    static String throughput(double bytesPerSecond) {
        return String.format(Locale.ROOT, "%,.0f MiB/s", bytesPerSecond / (1024 * 1024));
    }

    /** A size in whole units: {@code 256 MiB}, {@code 1 GiB}, {@code 512 KiB}. */
    static String size(long bytes) {
        if (bytes >= 1024L * 1024 * 1024 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + " GiB";
        }
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes / 1024 + " KiB";
    }

    static String bytes(double bytes) {
        if (Math.abs(bytes) >= 1024 * 1024) {
            return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024);
    }

    static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| Case | What | Client | Baseline | Ratio | Target | Met | Load |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            table.append("| ").append(result.id()).append(" | ").append(result.description()).append(" | ")
                    .append(result.client()).append(" | ").append(result.baseline()).append(" | ")
                    .append(result.ratio()).append(" | ").append(result.target()).append(" | ")
                    .append(result.target().equals(Result.REFERENCE) ? "-" : result.met() ? "yes" : "**no**")
                    .append(" | ").append(result.load()).append(" |\n");
        }
        return table.toString();
    }

    static String environment(String daemonVersion, String command) {
        return "Measured " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " with `" + command
                + "`: JDK " + Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Incus " + daemonVersion + " (throw-away daemon on the same machine).";
    }

    /** The machine's 1-minute load average now, from {@code /proc/loadavg}. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException unreadable) {
            return "?";
        }
    }

    /** Replaces the text between the generated-section markers of a Markdown file, or writes it anew. */
    static void write(Path file, String generated) throws IOException {
        String begin = "<!-- benchmark results: begin -->";
        String end = "<!-- benchmark results: end -->";
        String section = begin + "\n" + generated + end;
        if (Files.exists(file)) {
            String text = Files.readString(file);
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            if (from >= 0 && to > from) {
                Files.writeString(file, text.substring(0, from) + section + text.substring(to + end.length()));
                return;
            }
        }
        Files.writeString(file, "# Benchmarks\n\n" + section + "\n");
    }
}
