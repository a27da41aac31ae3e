package io.github.incus4j.benchmarks;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.EventSubscription;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceFilesApi;
import io.github.incus4j.client.model.InstanceFull;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.ProfilePut;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * B14: what the client's work costs as it grows, so that a user sees where cost is linear and
 * where it is not. Three series, each size measured in the same run as its baseline:
 *
 * <ul>
 *   <li>listing: {@code listFull()} of 100 to 10,000 instances, canned answers (one real
 *       instance's {@code recursion=2} answer repeated) from a Unix-socket server of the harness,
 *       against reading the same bytes with the raw client; time and heap per call;</li>
 *   <li>events: 1 to 64 lifecycle-event subscriptions on one client while profiles are created
 *       and deleted; every event must reach every subscriber; latency after the call returned and
 *       heap per delivered event;</li>
 *   <li>files: push and pull of 1 MiB to 1 GiB through the client against raw HTTP on the Unix
 *       socket; throughput and the client's peak heap.</li>
 * </ul>
 */
final class GrowthCase {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String INSTANCE = "bench-growth-files";
    private static final String REMOTE_PATH = "/root/growth.bin";
    private static final String PROFILE_PREFIX = "bench-growth-";
    private static final long MIB = 1024 * 1024;

    private final IncusDaemon daemon;
    private final Settings settings;

    GrowthCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    Result[] run() throws Exception {
        List<Result> results = new ArrayList<>(listing());
        results.addAll(events());
        results.addAll(files());
        return results.toArray(Result[]::new);
    }

    // ---- listing -------------------------------------------------------------------------------

    private List<Result> listing() throws Exception {
        String saved = DecodeCase.savedInstance(daemon);
        List<Result> results = new ArrayList<>();
        for (int count : settings.growth().instances()) {
            byte[] body = DecodeCase.multiply(saved, count);
            // Enough calls per round for about the same work at every size, at least 3.
            int calls = settings.smoke() ? 2 : Math.max(3, Math.min(100, 20_000 / count));
            Measurement client = new Measurement();
            Measurement raw = new Measurement();
            Measurement allocated = new Measurement();
            long peak = 0;
            try (CannedUnixServer server = new CannedUnixServer(body);
                    IncusClient incus = IncusClient.builder().unixSocket(server.socket())
                            .maxResponseSize(256 * 1024 * 1024).build();
                    RawHttpClient bytes = RawHttpClient.unixSocket(server.socket())) {
                for (int i = 0; i < calls; i++) {  // warm-up, not counted
                    listOnce(incus, count);
                    bytes.get("/1.0/instances?recursion=2");
                }
                for (int round = 0; round < settings.rounds(); round++) {
                    for (int turn = 0; turn < 2; turn++) {
                        if ((round + turn) % 2 == 0) {
                            HeapMeter meter = HeapMeter.start();
                            long started = System.nanoTime();
                            try {
                                for (int i = 0; i < calls; i++) {
                                    listOnce(incus, count);
                                }
                            } finally {
                                meter.close();
                            }
                            client.add((System.nanoTime() - started) / 1e6 / calls);
                            allocated.add((double) meter.allocated() / calls);
                            peak = Math.max(peak, meter.peakAboveBaseline());
                        } else {
                            long started = System.nanoTime();
                            for (int i = 0; i < calls; i++) {
                                bytes.get("/1.0/instances?recursion=2");
                            }
                            raw.add((System.nanoTime() - started) / 1e6 / calls);
                        }
                    }
                }
            }
            double millis = client.median();
            results.add(new Result("B14 list " + count, String.format(Locale.ROOT, "listFull() of %,d instances "
                    + "(%s answer, canned, Unix socket), median of %d rounds of %d calls; heap allocated per call, "
                    + "sampled peak; against reading the same bytes raw", count, Report.size(body.length / 1024 * 1024),
                    client.size(), calls), String.format(Locale.ROOT, "%s (%.1f µs per instance), %s allocated, %s "
                    + "peak", Report.millis(millis), millis * 1000 / count, Report.bytes(allocated.median()),
                    Report.bytes(peak)), Report.millis(raw.median()), Report.ratio(millis / raw.median()),
                    Result.REFERENCE, true));
        }
        return results;
    }

    private static void listOnce(IncusClient client, int count) {
        List<InstanceFull> listed = client.instances().listFull().block(WAIT);
        if (listed == null || listed.size() != count) {
            throw new IllegalStateException("listed " + (listed == null ? 0 : listed.size()) + " of " + count);
        }
    }

    // ---- events --------------------------------------------------------------------------------

    private List<Result> events() throws Exception {
        List<Result> results = new ArrayList<>();
        int pairs = settings.growth().events();
        for (int subscribers : settings.growth().subscribers()) {
            results.add(eventsWith(subscribers, pairs));
        }
        return results;
    }

    /** Creates and deletes {@code pairs} profiles with {@code subscribers} listeners on one client. */
    private Result eventsWith(int subscribers, int pairs) throws Exception {
        int events = 2 * pairs;
        long[] returned = new long[events];
        List<AtomicLongArray> arrivals = new ArrayList<>();
        List<EventSubscription> subscriptions = new ArrayList<>();
        HeapMeter meter;
        long started;
        double seconds;
        try (IncusClient client = Clients.unixSocket(daemon)) {
            try {
                for (int s = 0; s < subscribers; s++) {
                    AtomicLongArray arrived = new AtomicLongArray(events);
                    arrivals.add(arrived);
                    EventSubscription subscription = client.events().connect(EventFilter.types(EventFilter.LIFECYCLE))
                            .block(Duration.ofSeconds(30));
                    subscriptions.add(subscription);
                    subscription.events().ofType(LifecycleEvent.class).subscribe(event -> {
                        int index = indexOf(event);
                        if (index >= 0 && index < events) {
                            arrived.compareAndSet(index, 0, System.nanoTime());
                        }
                    });
                }
                meter = HeapMeter.start();
                started = System.nanoTime();
                try {
                    for (int i = 0; i < pairs; i++) {
                        String name = PROFILE_PREFIX + i;
                        client.profiles().create(name, ProfilePut.empty()).block(WAIT);
                        returned[2 * i] = System.nanoTime();
                        client.profiles().delete(name).block(WAIT);
                        returned[2 * i + 1] = System.nanoTime();
                    }
                    long settle = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (missing(arrivals) > 0 && System.nanoTime() < settle) {
                        Thread.sleep(5);
                    }
                    seconds = (System.nanoTime() - started) / 1e9;
                } finally {
                    meter.close();
                }
            } finally {
                for (EventSubscription subscription : subscriptions) {
                    subscription.close();
                }
            }
        }
        long delivered = (long) events * subscribers - missing(arrivals);
        double[] latencies = new double[(int) delivered];
        int n = 0;
        for (AtomicLongArray arrived : arrivals) {
            for (int i = 0; i < events; i++) {
                long at = arrived.get(i);
                if (at != 0) {
                    // An event can arrive before its call returns; that counts as no delay.
                    latencies[n++] = Math.max(0, at - returned[i]) / 1e6;
                }
            }
        }
        Arrays.sort(latencies);
        double p50 = n == 0 ? Double.NaN : latencies[n / 2];
        double p99 = n == 0 ? Double.NaN : latencies[Math.min(n - 1, (int) Math.round(n * 0.99))];
        return new Result("B14 events " + subscribers, String.format(Locale.ROOT, "%d lifecycle events (%d profiles "
                + "created and deleted) to each of %d subscriptions on one client: delivered, latency after the call "
                + "returned p50/p99, heap allocated per delivered event, wall time", events, pairs, subscribers,
                subscribers), String.format(Locale.ROOT, "%,d of %,d delivered; p50 %s, p99 %s; %s per event; %.1f s",
                delivered, (long) events * subscribers, Report.millis(p50), Report.millis(p99),
                Report.bytes((double) meter.allocated() / Math.max(1, delivered)), seconds), "-", "-",
                "every event delivered", delivered == (long) events * subscribers);
    }

    /** The event's place in the sequence: profile i created is 2i, deleted is 2i+1; -1 for others. */
    private static int indexOf(LifecycleEvent event) {
        String prefix = "/1.0/profiles/" + PROFILE_PREFIX;
        if (!event.source().startsWith(prefix)) {
            return -1;
        }
        try {
            int i = Integer.parseInt(event.source().substring(prefix.length()));
            return switch (event.action()) {
                case "profile-created" -> 2 * i;
                case "profile-deleted" -> 2 * i + 1;
                default -> -1;
            };
        } catch (NumberFormatException other) {
            return -1;
        }
    }

    private static long missing(List<AtomicLongArray> arrivals) {
        long missing = 0;
        for (AtomicLongArray arrived : arrivals) {
            for (int i = 0; i < arrived.length(); i++) {
                if (arrived.get(i) == 0) {
                    missing++;
                }
            }
        }
        return missing;
    }

    // ---- files ---------------------------------------------------------------------------------

    private List<Result> files() throws Exception {
        List<Result> results = new ArrayList<>();
        Path directory = Files.createTempDirectory("incus-b14");
        try (IncusClient client = Clients.unixSocket(daemon);
                RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            client.instances().create(InstancesPost.builder(INSTANCE).image(daemon.imageAlias()).start(true).build())
                    .flatMap(operation -> operation.await(WAIT)).block();
            try {
                boolean first = true;
                for (long size : settings.growth().fileSizes()) {
                    results.add(fileOfSize(client, raw, directory, size, first));
                    first = false;
                }
            } finally {
                client.instances().stop(INSTANCE, true).flatMap(operation -> operation.await(WAIT)).block();
                client.instances().delete(INSTANCE).flatMap(operation -> operation.await(WAIT)).block();
            }
        } finally {
            try (var entries = Files.list(directory)) {
                for (Path entry : entries.toList()) {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(directory);
        }
        return results;
    }

    private Result fileOfSize(IncusClient client, RawHttpClient raw, Path directory, long size, boolean warmUp)
            throws Exception {
        Path source = directory.resolve("source.bin");
        Path pulled = directory.resolve("pulled.bin");
        FileTransferCase.writeRandomFile(source, size);
        InstanceFilesApi files = client.instances().files(INSTANCE);
        String rawPath = "/1.0/instances/" + INSTANCE + "/files?path=" + REMOTE_PATH;
        Map<String, String> overwrite = Map.of("X-Incus-type", "file", "X-Incus-write", "overwrite");
        // Small files need many rounds to be heard over the noise; a gibibyte needs one.
        int rounds = settings.smoke() ? 1 : size <= 16 * MIB ? 7 : size <= 256 * MIB ? 3 : 1;
        FileTransferCase.Transfer[] sides = {
            local -> files.upload(REMOTE_PATH, local).block(WAIT),
            local -> files.download(REMOTE_PATH, local).block(WAIT),
            local -> raw.upload(rawPath, overwrite, local),
            local -> {
                if (raw.download(rawPath, local) != size) {
                    throw new IOException("raw pull read a different size than " + size);
                }
            }};
        Path[] locals = {source, pulled, source, pulled};
        Measurement[] rates = {new Measurement(), new Measurement(), new Measurement(), new Measurement()};
        long peak = 0;
        if (warmUp) {
            for (int side = 0; side < sides.length; side++) {
                sides[side].run(locals[side]);
            }
        }
        for (int round = 0; round < rounds; round++) {
            // The client's push and pull, then raw's, or the other way round.
            for (int turn = 0; turn < 2; turn++) {
                boolean clientTurn = (round + turn) % 2 == 0;
                for (int direction = 0; direction < 2; direction++) {
                    int side = (clientTurn ? 0 : 2) + direction;
                    long baseline = MemoryCase.usedHeapAfterGc();
                    HeapMeter meter = clientTurn ? HeapMeter.startAt(baseline) : null;
                    long started = System.nanoTime();
                    try {
                        sides[side].run(locals[side]);
                    } finally {
                        if (meter != null) {
                            meter.close();
                        }
                    }
                    rates[side].add(size / ((System.nanoTime() - started) / 1e9));
                    if (meter != null) {
                        peak = Math.max(peak, meter.peakAboveBaseline());
                    }
                    if (direction == 1 && Files.size(pulled) != size) {
                        throw new IOException("pulled " + Files.size(pulled) + " bytes of " + size);
                    }
                }
            }
        }
        Files.deleteIfExists(source);
        Files.deleteIfExists(pulled);
        return new Result("B14 file " + Report.size(size), "push and pull of a " + Report.size(size) + " file through "
                + "the client over the Unix socket, median of " + rates[0].size() + " rounds, and its sampled peak heap; "
                + "against raw HTTP (ratio: push, pull)", "push " + Report.throughput(rates[0].median()) + ", pull "
                + Report.throughput(rates[1].median()) + ", " + Report.bytes(peak) + " peak", "push "
                + Report.throughput(rates[2].median()) + ", pull " + Report.throughput(rates[3].median()),
                Report.ratio(rates[0].median() / rates[2].median()) + ", " + Report.ratio(rates[1].median()
                        / rates[3].median()), Result.REFERENCE, true);
    }
}
