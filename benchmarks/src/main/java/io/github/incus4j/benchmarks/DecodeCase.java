package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * B5: saves a real running instance's {@code recursion=2} answer from the daemon, multiplies it to
 * 1,000 instances with distinct names, and runs {@link DecodeBenchmark} under JMH with the
 * allocation profiler.
 */
final class DecodeCase {

    private static final int INSTANCES = 1_000;

    private final IncusDaemon daemon;
    private final Settings settings;

    DecodeCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    io.github.incus4j.benchmarks.Result run() throws Exception {
        Path saved = Files.createTempFile("incus-b5-", ".json");
        try {
            Files.write(saved, thousandInstances());
            Options options = new OptionsBuilder()
                    .include(DecodeBenchmark.class.getName())
                    .forks(settings.smoke() ? 0 : 1)
                    .warmupIterations(settings.smoke() ? 1 : 5)
                    .warmupTime(TimeValue.seconds(settings.smoke() ? 1 : 2))
                    .measurementIterations(settings.smoke() ? 1 : 5)
                    .measurementTime(TimeValue.seconds(settings.smoke() ? 1 : 2))
                    .jvmArgsAppend("-D" + DecodeBenchmark.RESPONSE_PROPERTY + "=" + saved, "-Xms512m", "-Xmx512m")
                    .addProfiler("gc")
                    .build();
            if (settings.smoke()) {
                System.setProperty(DecodeBenchmark.RESPONSE_PROPERTY, saved.toString());
            }
            Collection<RunResult> results = new Runner(options).run();
            RunResult result = results.iterator().next();
            double millis = result.getPrimaryResult().getScore();
            Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
            String allocated = allocation == null ? "n/a" : Report.bytes(allocation.getScore()) + " allocated";
            return new io.github.incus4j.benchmarks.Result("B5", "decode a 1,000-instance recursion=2 answer ("
                    + Files.size(saved) / 1024 + " KiB) through listFull(), JMH average, allocation per decode",
                    Report.millis(millis) + ", " + allocated, "-", "-", "< 20 ms per 1,000 instances", millis < 20);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /** One real running instance with state, repeated under 1,000 names. */
    private byte[] thousandInstances() throws Exception {
        return multiply(savedInstance(daemon), INSTANCES);
    }

    /**
     * The {@code recursion=2} answer for one real running instance (with its state), made and
     * deleted again for the purpose.
     *
     * @param daemon the daemon
     * @return the whole envelope, as the daemon sent it
     */
    static String savedInstance(IncusDaemon daemon) throws Exception {
        String name = "bench-decode";
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                    .flatMap(operation -> operation.await(Duration.ofSeconds(60))).block();
            try {
                return raw.exchange("GET", "/1.0/instances?recursion=2&filter=name%20eq%20" + name, null);
            } finally {
                client.instances().stop(name, true).flatMap(operation -> operation.await(Duration.ofSeconds(60)))
                        .block();
                client.instances().delete(name).flatMap(operation -> operation.await(Duration.ofSeconds(60)))
                        .block();
            }
        }
    }

    /**
     * The saved answer's one instance repeated under {@code count} distinct names.
     *
     * @param saved an answer of {@link #savedInstance}
     * @param count how many instances the answer lists
     * @return the envelope's bytes
     */
    static byte[] multiply(String saved, int count) {
        JsonMapper mapper = JsonMapper.builder().build();
        ObjectNode envelope = (ObjectNode) mapper.readTree(saved);
        JsonNode one = envelope.get("metadata").get(0);
        ArrayNode many = mapper.createArrayNode();
        for (int i = 0; i < count; i++) {
            ObjectNode copy = (ObjectNode) one.deepCopy();
            copy.put("name", "instance-" + i);
            many.add(copy);
        }
        envelope.set("metadata", many);
        return mapper.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
    }
}
