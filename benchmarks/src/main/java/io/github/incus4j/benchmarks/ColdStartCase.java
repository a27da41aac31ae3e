package io.github.incus4j.benchmarks;

import io.github.incus4j.test.IncusDaemon;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * B12: the first call, cold. A plain Java program ({@link FirstCallApp}) timed from its process's
 * start to its first answer, with a few JVM set-ups side by side (JDK 17 as it comes, with an
 * application class-data archive made by a training run, with C1 only and the serial collector;
 * the JDK 25 installed here as it comes and with its ahead-of-time cache), against
 * {@code incus query /1.0}; and the first call of a started Spring Boot application
 * ({@link FirstCallBootApp}) against its later calls, with the starter's warm-up and without.
 * Every start is a new process; the variants take turns.
 */
final class ColdStartCase {

    /** The JDK 25 of these machines, for its ahead-of-time cache. */
    static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    private static final Pattern BOOT = Pattern.compile("FIRST_MS=([\\d.]+) LATER_MS=([\\d.]+) WARM_UP_MS=(-?\\d+)");
    /** What a plain program using the client does not have on its class path. */
    private static final List<String> NOT_FOR_PLAIN = List.of("spring-boot", "jmh", "junit", "assertj", "incus-test",
            "incus-spring-boot", "logback", "log4j", "jul-to-slf4j", "snakeyaml", "jopt", "commons-math",
            "apiguardian", "opentest4j", "byte-buddy");

    private final IncusDaemon daemon;
    private final Settings settings;

    ColdStartCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    /** A way of starting the plain program. */
    private record Variant(String label, Path java, List<String> options, List<String> training) {
    }

    Result[] run() throws Exception {
        Path work = Files.createTempDirectory("incus-b12");
        try {
            List<Result> results = new ArrayList<>(plainProgram(work));
            results.addAll(bootApplication());
            return results.toArray(Result[]::new);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private List<Result> plainProgram(Path work) throws Exception {
        String classPath = plainClassPath(work);
        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Path cds = work.resolve("app17.jsa");
        Path aot = work.resolve("app25.aot");
        List<String> quick = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("JDK 17, no options", java17, List.of(), List.of()));
        if (!settings.smoke()) {
            variants.add(new Variant("JDK 17, AppCDS archive (`-XX:SharedArchiveFile`, made by a training run with "
                    + "`-XX:ArchiveClassesAtExit`)", java17, List.of("-XX:SharedArchiveFile=" + cds),
                    List.of("-XX:ArchiveClassesAtExit=" + cds)));
            variants.add(new Variant("JDK 17, AppCDS archive + `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`", java17,
                    concat(List.of("-XX:SharedArchiveFile=" + cds), quick), List.of()));
            if (Files.isExecutable(JDK25)) {
                variants.add(new Variant("JDK 25, no options", JDK25, List.of(), List.of()));
                variants.add(new Variant("JDK 25, AOT cache (`-XX:AOTCache`, made by a training run with "
                        + "`-XX:AOTCacheOutput`)", JDK25, List.of("-XX:AOTCache=" + aot),
                        List.of("-XX:AOTCacheOutput=" + aot)));
                variants.add(new Variant("JDK 25, AOT cache + `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`", JDK25,
                        concat(List.of("-XX:AOTCache=" + aot), quick), List.of()));
            }
        }
        for (Variant variant : variants) {
            if (!variant.training().isEmpty()) {
                plainStart(variant.java(), variant.training(), classPath);
            }
        }
        List<Measurement> times = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            times.add(new Measurement());
        }
        Measurement cli = new Measurement();
        try (Cli commandLine = Cli.unixSocket(daemon)) {
            commandLine.run("query", "/1.0");
            for (Variant variant : variants) {
                plainStart(variant.java(), variant.options(), classPath);  // warm-up of the disk cache, not counted
            }
            for (int start = 0; start < settings.starts(); start++) {
                for (int turn = 0; turn <= variants.size(); turn++) {
                    int which = (start + turn) % (variants.size() + 1);
                    if (which == variants.size()) {
                        long started = System.nanoTime();
                        commandLine.run("query", "/1.0");
                        cli.add((System.nanoTime() - started) / 1e6);
                    } else {
                        Variant variant = variants.get(which);
                        times.get(which).add(plainStart(variant.java(), variant.options(), classPath));
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            double millis = times.get(i).median();
            results.add(new Result(i == 0 ? "B12" : "B12." + i, "plain Java program, process start to the first "
                    + "answer of `server().get()` over the Unix socket, median of " + times.get(i).size() + " starts: "
                    + variants.get(i).label() + "; against `incus query /1.0`", Report.millis(millis),
                    Report.millis(cli.median()), Report.ratio(millis / cli.median()), "<= 600 ms", millis <= 600));
        }
        return results;
    }

    private List<Result> bootApplication() throws Exception {
        Measurement[] first = {new Measurement(), new Measurement()};
        Measurement[] later = {new Measurement(), new Measurement()};
        Measurement warmUp = new Measurement();
        for (int start = 0; start < settings.starts(); start++) {
            for (int turn = 0; turn < 2; turn++) {
                int which = (start + turn) % 2;
                double[] figures = bootStart(which == 0);
                first[which].add(figures[0]);
                later[which].add(figures[1]);
                if (which == 0) {
                    warmUp.add(figures[2]);
                }
            }
        }
        double added = first[0].median() - later[0].median();
        double addedCold = first[1].median() - later[1].median();
        String what = "first `server().get()` of a started Spring Boot application (1 s after it is ready) against "
                + "its later calls (median of 21), median of " + first[0].size() + " starts";
        return List.of(
            new Result("B12b", what + ", with the starter's warm-up (done in the background " + Report.millis(
                    warmUp.median()) + " after ready)", Report.millis(first[0].median()),
                    Report.millis(later[0].median()), "+" + Report.millis(added), "<= +100 ms", added <= 100),
            new Result("B12c", "the same without the warm-up (`incus.warm-up.enabled=false`)",
                    Report.millis(first[1].median()), Report.millis(later[1].median()), "+" + Report.millis(addedCold),
                    Result.REFERENCE, true));
    }

    /** Starts the plain program once and returns the milliseconds from its start to its answer. */
    private double plainStart(Path java, List<String> options, String classPath) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(options);
        command.addAll(List.of("-cp", classPath, FirstCallApp.class.getName(), daemon.socketPath().toString()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double answered = -1;
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (answered < 0 && line.startsWith("ANSWER ")) {
                    answered = (System.nanoTime() - started) / 1e6;
                }
                output.append(line).append('\n');
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || answered < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the plain program failed (" + command + "): " + output);
        }
        return answered;
    }

    /** Starts the Boot application once: its first call, the later calls' median, the warm-up's time. */
    private double[] bootStart(boolean warmUp) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), FirstCallBootApp.class.getName(),
                "--incus.socket-path=" + daemon.socketPath(), "--incus.warm-up.enabled=" + warmUp,
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the Boot application failed: " + output);
        }
        Matcher figures = BOOT.matcher(output);
        if (!figures.find()) {
            throw new IllegalStateException("the Boot application printed no figures: " + output);
        }
        return new double[] {Double.parseDouble(figures.group(1)), Double.parseDouble(figures.group(2)),
            Double.parseDouble(figures.group(3))};
    }

    /**
     * The plain program's class path: its class in a jar of its own (class-data archives take
     * classes from jars only), then the jars of the client and its dependencies.
     */
    private static String plainClassPath(Path work) throws IOException {
        Path jar = work.resolve("first-call.jar");
        String name = FirstCallApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
                var in = FirstCallApp.class.getClassLoader().getResourceAsStream(name)) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.closeEntry();
        }
        String libraries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.endsWith(".jar"))
                .filter(entry -> NOT_FOR_PLAIN.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        return jar + File.pathSeparator + libraries;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static String describe(double millis) {
        return String.format(Locale.ROOT, "%.0f ms", millis);
    }
}
