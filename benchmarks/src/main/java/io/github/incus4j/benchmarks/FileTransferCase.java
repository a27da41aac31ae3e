package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceFilesApi;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B9: a large file pushed into and pulled out of a running container, three ways in the same run
 * with alternating order: the client ({@code instances().files(name).upload/download}), the
 * {@code incus file push/pull} command line, and raw HTTP on the same transport (the body written
 * from the file and read into a file in 64 KiB steps). Over the Unix socket and over HTTPS with
 * mutual TLS. The client's heap is sampled during each of its transfers (B9m), and its live heap is
 * bounded in a JVM of its own limited to 32 MiB (B9h, {@link BoundedHeapTransfer}).
 */
final class FileTransferCase {

    private static final Duration WAIT = Duration.ofSeconds(120);
    static final String INSTANCE = "bench-files";
    private static final String REMOTE_PATH = "/root/bench.bin";
    private static final int BOUNDED_HEAP_MIB = 32;
    private static final Pattern BOUNDED = Pattern.compile("BOUNDED ([0-9.]+) ([0-9.]+) ([0-9]+) ([0-9]+) ([0-9]+)");

    private final IncusDaemon daemon;
    private final Settings settings;
    private long clientPeakHeap;
    private long clientMaxAllocated;
    private String mostAllocating = "";
    /** The heap in use after a collection just before the transfer being timed. */
    private long baseline;

    FileTransferCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    /** A way to move the file: the client, the command line or raw HTTP. */
    interface Transfer {
        void run(Path local) throws Exception;
    }

    Result[] run() throws Exception {
        long size = settings.fileSize();
        Path directory = Files.createTempDirectory("incus-b9");
        Path source = directory.resolve("source.bin");
        Path pulled = directory.resolve("pulled.bin");
        writeRandomFile(source, size);
        List<Result> results = new ArrayList<>();
        try (IncusClient admin = IncusClient.builder().unixSocket(daemon.socketPath()).build()) {
            admin.instances().create(InstancesPost.builder(INSTANCE).image(daemon.imageAlias()).start(true).build())
                    .flatMap(operation -> operation.await(WAIT)).block();
            try {
                try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                        Cli cli = Cli.unixSocket(daemon);
                        RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
                    results.addAll(transport("unix", "over the Unix socket", client, cli, raw, source, pulled, size));
                }
                try (IncusClient client = Clients.https(daemon);
                        Cli cli = Cli.https(daemon);
                        RawHttpClient raw = RawHttpClient.tls(daemon.httpsUrl(),
                                daemon.trustedClient().sslContext(daemon.serverCertificate()))) {
                    results.addAll(transport("https", "over HTTPS (mutual TLS)", client, cli, raw, source, pulled,
                            size));
                }
                results.add(boundedHeap("unix", "over the Unix socket", List.of("unix",
                        daemon.socketPath().toString()), directory, source, pulled));
                results.add(boundedHeap("https", "over HTTPS", List.of("https", daemon.httpsUrl().toString(),
                        daemon.trustedClient().certificate().toString(), daemon.trustedClient().privateKey().toString(),
                        daemon.serverCertificate().toString()), directory, source, pulled));
            } finally {
                admin.instances().stop(INSTANCE, true).flatMap(operation -> operation.await(WAIT)).block();
                admin.instances().delete(INSTANCE).flatMap(operation -> operation.await(WAIT)).block();
            }
        } finally {
            Files.deleteIfExists(source);
            Files.deleteIfExists(pulled);
            Files.deleteIfExists(directory);
        }
        // The heap target is B9h's: this sampled peak counts garbage the collector had not yet reclaimed.
        results.add(new Result("B9m", "the client's heap during its B9 transfers (" + Report.size(size)
                + " each way, both transports): sampled peak above the heap in use before, garbage included; most "
                + "allocated in one transfer", Report.bytes(clientPeakHeap) + " peak, " + Report.bytes(clientMaxAllocated)
                + " allocated (" + mostAllocating + ")", "-", "-", Result.REFERENCE, true));
        return results.toArray(Result[]::new);
    }

    /**
     * B9h: the client's push and pull in a JVM of its own limited to a 32 MiB heap, with the B9 file
     * and, in the full run, a 1 GiB one: finishing shows the client's live heap stayed below the
     * limit whatever the size (the sampled B9m peak counts garbage not yet collected).
     */
    private Result boundedHeap(String key, String how, List<String> connection, Path directory, Path source,
            Path pulled) throws Exception {
        List<Path> files = new ArrayList<>(List.of(source));
        if (!settings.smoke()) {
            Path large = directory.resolve("large.bin");
            writeRandomFile(large, 1L << 30);
            files.add(large);
        }
        long mostAfterCollection = 0;
        long mostDirect = 0;
        List<String> rates = new ArrayList<>();
        try {
            for (Path file : files) {
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx" + BOUNDED_HEAP_MIB + "m", "-cp", System.getProperty("java.class.path"),
                        BoundedHeapTransfer.class.getName()));
                command.addAll(connection);
                command.addAll(List.of(INSTANCE, REMOTE_PATH, file.toString(), pulled.toString()));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                Matcher figures = BOUNDED.matcher(output);
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0 || !figures.find()) {
                    process.destroyForcibly();
                    return new Result("B9h " + key, "push and pull in a JVM limited to -Xmx" + BOUNDED_HEAP_MIB + "m "
                            + how, "failed with " + Report.size(Files.size(file)) + ": " + lastLine(output), "-", "-",
                            "< " + BOUNDED_HEAP_MIB + " MiB", false);
                }
                rates.add(Report.size(Files.size(file)) + " push " + figures.group(1) + " / pull " + figures.group(2)
                        + " MiB/s");
                mostAfterCollection = Math.max(mostAfterCollection, Long.parseLong(figures.group(3)));
                mostDirect = Math.max(mostDirect, Long.parseLong(figures.group(5)));
            }
        } finally {
            Files.deleteIfExists(directory.resolve("large.bin"));
        }
        return new Result("B9h " + key, "push then pull by the client in a JVM limited to -Xmx" + BOUNDED_HEAP_MIB
                + "m " + how + " (" + String.join("; ", rates) + "), the pulled file checked byte for byte: the "
                + "most heap in use after a collection (and the most direct memory, limited to 32 MiB too)",
                Report.bytes(mostAfterCollection) + " (direct " + Report.bytes(mostDirect) + ")", "-", "-",
                "< " + BOUNDED_HEAP_MIB + " MiB", true);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private List<Result> transport(String key, String how, IncusClient client, Cli cli, RawHttpClient raw,
            Path source, Path pulled, long size) throws Exception {
        InstanceFilesApi files = client.instances().files(INSTANCE);
        String remote = cli.remotePrefix() + INSTANCE + REMOTE_PATH;
        String rawPath = "/1.0/instances/" + INSTANCE + "/files?path=" + REMOTE_PATH;
        Transfer clientPush = local -> measuredHeap("push " + key, () -> files.upload(REMOTE_PATH, local).block());
        Transfer cliPush = local -> cli.run("file", "push", local.toString(), remote);
        Transfer rawPush = local -> raw.upload(rawPath, Map.of("X-Incus-type", "file", "X-Incus-write", "overwrite"),
                local);
        Transfer clientPull = local -> measuredHeap("pull " + key, () -> files.download(REMOTE_PATH, local).block());
        Transfer cliPull = local -> cli.run("file", "pull", remote, local.toString());
        Transfer rawPull = local -> {
            long read = raw.download(rawPath, local);
            if (read != size) {
                throw new IOException("raw pull read " + read + " bytes of " + size);
            }
        };
        List<Result> results = new ArrayList<>();
        Measurement[] push = compare(source, clientPush, cliPush, rawPush, null);
        Measurement[] pull = compare(pulled, clientPull, cliPull, rawPull, () -> {
            if (Files.size(pulled) != size) {
                throw new IOException("pulled " + Files.size(pulled) + " bytes of " + size);
            }
        });
        results.addAll(rows("push", key, how, size, push));
        results.addAll(rows("pull", key, how, size, pull));
        return results;
    }

    private static List<Result> rows(String direction, String key, String how, long size, Measurement[] rates) {
        double client = rates[0].median();
        double cli = rates[1].median();
        double raw = rates[2].median();
        String what = direction + " of a " + Report.size(size) + " file " + (direction.equals("push") ? "into" : "out of")
                + " a running container " + how + ", median of " + rates[0].size();
        return List.of(
            new Result("B9 " + direction + " " + key, what + ", against `incus file " + direction + "`",
                    Report.throughput(client), Report.throughput(cli), Report.ratio(client / cli), ">= 1.00",
                    client >= cli),
            new Result("B9r " + direction + " " + key, "the same against raw HTTP on the same transport",
                    Report.throughput(client), Report.throughput(raw), Report.ratio(client / raw), ">= 0.90",
                    client / raw >= 0.90));
    }

    /** A check after each transfer. */
    interface Check {
        void run() throws Exception;
    }

    /** Rates in bytes per second of the client, the command line and raw HTTP, rounds rotating the order. */
    private Measurement[] compare(Path local, Transfer client, Transfer cli, Transfer raw, Check check)
            throws Exception {
        Transfer[] sides = {client, cli, raw};
        Measurement[] rates = {new Measurement(), new Measurement(), new Measurement()};
        long size = settings.fileSize();
        for (Transfer side : sides) {
            side.run(local);  // warm-up, not counted
        }
        for (int round = 0; round < settings.transferRounds(); round++) {
            for (int turn = 0; turn < sides.length; turn++) {
                int side = (round + turn) % sides.length;
                // Every side starts from a collected heap, outside the timed part.
                baseline = MemoryCase.usedHeapAfterGc();
                long started = System.nanoTime();
                sides[side].run(local);
                double seconds = (System.nanoTime() - started) / 1e9;
                if (check != null) {
                    check.run();
                }
                rates[side].add(size / seconds);
            }
        }
        return rates;
    }

    /** Work measured for its heap. */
    interface Work {
        void run() throws Exception;
    }

    private void measuredHeap(String label, Work work) throws Exception {
        HeapMeter meter = HeapMeter.startAt(baseline);
        try {
            work.run();
        } finally {
            meter.close();
        }
        clientPeakHeap = Math.max(clientPeakHeap, meter.peakAboveBaseline());
        if (meter.allocated() > clientMaxAllocated) {
            clientMaxAllocated = meter.allocated();
            mostAllocating = label;
        }
    }

    static void writeRandomFile(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(16);
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, size - written));
            }
        }
    }

}
