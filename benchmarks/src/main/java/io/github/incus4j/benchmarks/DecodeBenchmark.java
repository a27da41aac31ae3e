package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.ListOptions;
import io.github.incus4j.client.model.InstanceFull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * B5 (JMH): {@code instances().listFull()} of a saved 1,000-instance {@code recursion=2} answer,
 * served by {@link CannedUnixServer}: the client's whole path (one local round trip, the envelope,
 * the records), dominated by decoding. The answer's file is passed as the system property
 * {@value #RESPONSE_PROPERTY}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecodeBenchmark {

    /** System property naming the file with the saved answer. */
    public static final String RESPONSE_PROPERTY = "incus.b5.response";

    private CannedUnixServer server;
    private IncusClient client;

    /**
     * Starts the canned server and a client of it.
     *
     * @throws IOException if the saved answer cannot be read
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        byte[] body = Files.readAllBytes(Path.of(System.getProperty(RESPONSE_PROPERTY)));
        server = new CannedUnixServer(body);
        client = IncusClient.builder().unixSocket(server.socket()).build();
    }

    /**
     * Lists and decodes the 1,000 instances.
     *
     * @return the instances, so that nothing is optimised away
     */
    @Benchmark
    public List<InstanceFull> listFull() {
        return client.instances().listFull(ListOptions.NONE).block();
    }

    /**
     * Stops the client and the server.
     *
     * @throws IOException if the server cannot be closed
     */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.close();
    }
}
