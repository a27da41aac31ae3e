package io.github.incus4j.benchmarks;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceExecApi;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * B13: what {@code instances().exec(name).run(...)} costs in heap when it captures a command's
 * output, at a few output sizes ({@code head -c N /dev/zero} in a running container). The
 * figure is the heap allocated by every thread during the call, divided by the output: an upper
 * bound of what the call can have held at its worst moment, whatever the collector did. The
 * sampled peak of heap in use is shown beside it; the median of a few calls is quoted.
 */
final class ExecMemoryCase {

    private static final Duration WAIT = Duration.ofSeconds(120);
    static final String INSTANCE = "bench-exec-memory";

    private final IncusDaemon daemon;
    private final Settings settings;

    ExecMemoryCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    Result[] run() throws Exception {
        List<Result> results = new ArrayList<>();
        try (IncusClient client = Clients.unixSocket(daemon)) {
            client.instances().create(InstancesPost.builder(INSTANCE).image(daemon.imageAlias()).start(true).build())
                    .flatMap(operation -> operation.await(WAIT)).block();
            try {
                InstanceExecApi exec = client.instances().exec(INSTANCE);
                for (long size : settings.execOutputs()) {
                    ExecRequest request = ExecRequest.of("head", "-c", Long.toString(size), "/dev/zero");
                    check(exec.run(request).block(WAIT), size);  // warm-up, not counted
                    Measurement allocated = new Measurement();
                    Measurement peak = new Measurement();
                    Measurement direct = new Measurement();
                    Measurement seconds = new Measurement();
                    int calls = settings.smoke() ? 1 : 5;
                    for (int i = 0; i < calls; i++) {
                        HeapMeter meter = HeapMeter.start();
                        long started = System.nanoTime();
                        ExecResult result;
                        try {
                            result = exec.run(request).block(WAIT);
                        } finally {
                            meter.close();
                        }
                        seconds.add((System.nanoTime() - started) / 1e9);
                        check(result, size);
                        allocated.add(meter.allocated());
                        peak.add(meter.peakAboveBaseline());
                        direct.add(meter.directPeakAboveBaseline());
                    }
                    double ratio = allocated.median() / size;
                    results.add(new Result("B13 " + Report.size(size), "heap of `exec(name).run(...)` capturing "
                            + Report.size(size) + " of standard output (`head -c`), median of " + calls + " calls: "
                            + "allocated on the heap by all threads during the call (sampled peak of heap in use; "
                            + "sampled peak of off-heap memory in use); time",
                            Report.bytes(allocated.median()) + String.format(Locale.ROOT, " = %.2f x output", ratio)
                                    + " (peak " + Report.bytes(peak.median()) + "; off-heap " + Report.bytes(direct.median()) + "); " + Report.millis(
                                    seconds.median() * 1000), Report.size(size), String.format(Locale.ROOT, "%.2f",
                                    ratio), "<= 1.5 x output", ratio <= 1.5));
                }
            } finally {
                client.instances().stop(INSTANCE, true).flatMap(operation -> operation.await(WAIT)).block();
                client.instances().delete(INSTANCE).flatMap(operation -> operation.await(WAIT)).block();
            }
        }
        return results.toArray(Result[]::new);
    }

    private static void check(ExecResult result, long size) {
        if (result == null || result.exitCode() != 0 || result.stdout().length != size) {
            throw new IllegalStateException("head -c " + size + " gave " + result);
        }
    }
}
