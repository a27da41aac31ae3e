package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.ResponseParser;
import io.github.incus4j.client.internal.transport.UnixSocketEndpoint;
import io.github.incus4j.client.model.Server;
import io.netty.channel.unix.DomainSocketAddress;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JavaType;

/**
 * The per-request cost of each layer of the request path, against {@link CannedUnixServer}
 * answering every request instantly with a saved {@code GET /1.0} answer: so that what is left is
 * the client side alone. For each side it reports the wall time and the CPU time of every thread
 * but the canned server's per request (the median of alternating rounds); CPU time is the figure
 * that holds up on a loaded machine.
 *
 * <p>The sides, each one layer more than the one before: {@code raw} (a blocking socket, nothing
 * decoded), {@code netty} (Reactor Netty's HTTP client reading the bytes), {@code webclient} (a
 * plain WebClient on it), {@code envelope} (the client's executor on that WebClient: request built
 * from its template, envelope read, metadata located), {@code decoded} (the same with the metadata
 * read into {@code Server} in that pass), {@code client} ({@code server().get()} on a client as
 * users build it); and {@code decode} (the parsing alone, no I/O).
 *
 * <pre>
 * RequestPathProbe saved-answer.json [rounds] [requests-per-round] [only-side]
 * </pre>
 *
 * <p>With a side named it runs only that side for the rounds given, for a profiler (JFR) to watch.
 */
public final class RequestPathProbe {

    private static Path daemonSocket;

    private RequestPathProbe() {
    }

    /** One side: runs {@code count} requests. */
    interface Side {
        void run(int count) throws Exception;
    }

    /**
     * Entry point.
     *
     * @param args the saved answer, rounds, requests per round, and optionally one side
     * @throws Exception if a side fails
     */
    public static void main(String[] args) throws Exception {
        byte[] body = args[0].endsWith(".socket") ? null : Files.readAllBytes(Path.of(args[0]));
        if (body == null) {
            daemonSocket = Path.of(args[0]);
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        String only = args.length > 3 ? args[3] : null;
        for (Map.Entry<String, double[]> side : measure(body, rounds, requests, only).entrySet()) {
            System.out.printf(Locale.ROOT, "%-10s wall %7.1f us/req   cpu %7.1f us/req   (least: wall %7.1f, cpu %7.1f)%n",
                    side.getKey(), side.getValue()[0], side.getValue()[1], side.getValue()[2], side.getValue()[3]);
        }
    }

    /**
     * Measures every side (or one) against a canned server.
     *
     * @return per side: wall and CPU microseconds per request (medians)
     */
    static Map<String, double[]> measure(byte[] body, int rounds, int requests, String only) throws Exception {
        Map<String, double[]> result = new LinkedHashMap<>();
        try (CannedUnixServer server = new CannedUnixServer(body != null ? body : new byte[0]);
                IncusClient client = IncusClient.builder().unixSocket(socket(server)).build();
                RawHttpClient raw = RawHttpClient.unixSocket(socket(server))) {
            ConnectionProvider pool = ConnectionProvider.create("probe", 1);
            HttpClient netty = HttpClient.create(pool)
                    .remoteAddress(() -> new DomainSocketAddress(socket(server).toString()));
            WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector(netty)).build();
            Map<String, Side> sides = new LinkedHashMap<>();
            sides.put("raw", count -> {
                for (int i = 0; i < count; i++) {
                    raw.get("/1.0");
                }
            });
            sides.put("netty", count -> {
                for (int i = 0; i < count; i++) {
                    netty.get().uri("/1.0").responseSingle((response, bytes) -> bytes.asByteArray()).block();
                }
            });
            sides.put("webclient", count -> {
                for (int i = 0; i < count; i++) {
                    webClient.get().uri("/1.0").retrieve().bodyToMono(byte[].class).block();
                }
            });
            // The client's executor over that same plain WebClient: the envelope read with the
            // metadata only located, then with the metadata decoded into the record in the same pass.
            IncusHttp executor = new IncusHttp(webClient, new UnixSocketEndpoint(socket(server), List.of(socket(server)),
                    false, null), Duration.ofSeconds(30), 16L << 20, null, null, null);
            IncusRequest serverRequest = IncusRequest.get("/1.0").build();
            JavaType serverType = IncusJson.mapper().constructType(Server.class);
            sides.put("envelope", count -> {
                for (int i = 0; i < count; i++) {
                    executor.send(serverRequest, null).block();
                }
            });
            sides.put("decoded", count -> {
                for (int i = 0; i < count; i++) {
                    executor.send(serverRequest, serverType).block();
                }
            });
            sides.put("client", count -> {
                for (int i = 0; i < count; i++) {
                    client.server().get().block();
                }
            });
            if (body != null) {
                sides.put("decode", count -> {
                    for (int i = 0; i < count; i++) {
                        ResponseParser.parse(serverRequest, 200, "OK", body, null, null, serverType)
                                .metadataAs(serverType);
                    }
                });
            }
            if (only != null) {
                sides.keySet().retainAll(List.of(only));
            }
            Map<String, Measurement[]> measured = new LinkedHashMap<>();
            for (Map.Entry<String, Side> side : sides.entrySet()) {
                side.getValue().run(requests);
                measured.put(side.getKey(), new Measurement[] {new Measurement(), new Measurement()});
            }
            List<String> order = new ArrayList<>(sides.keySet());
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < order.size(); turn++) {
                    String name = order.get((round + turn) % order.size());
                    long cpu = clientCpuNanos();
                    long started = System.nanoTime();
                    sides.get(name).run(requests);
                    long wall = System.nanoTime() - started;
                    cpu = clientCpuNanos() - cpu;
                    measured.get(name)[0].add(wall / 1e3 / requests);
                    measured.get(name)[1].add(cpu / 1e3 / requests);
                }
            }
            pool.dispose();
            measured.forEach((name, values) -> result.put(name, new double[] {values[0].median(),
                values[1].median(), values[0].min(), values[1].min()}));
        }
        return result;
    }

    private static Path socket(CannedUnixServer server) {
        return daemonSocket != null ? daemonSocket : server.socket();
    }

    /** CPU time of every live thread but the canned server's. */
    static long clientCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && !info.getThreadName().startsWith("canned-unix")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
