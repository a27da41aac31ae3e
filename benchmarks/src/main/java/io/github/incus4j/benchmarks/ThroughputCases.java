package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusDaemon;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * B1-B3: {@code GET /1.0} decoded into the typed server record by the client, against the raw
 * baseline reading the same bytes, alternating rounds in the same run.
 */
final class ThroughputCases {

    private final IncusDaemon daemon;
    private final Settings settings;

    ThroughputCases(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    /** A side of a comparison: runs {@code count} requests, returns when done. */
    interface Side {
        void run(int count) throws Exception;
    }

    Result sequentialUnixSocket() throws Exception {
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).build();
                RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            return compare("B1", "sequential GET /1.0 over the Unix socket, decoded", count -> {
                for (int i = 0; i < count; i++) {
                    client.server().get().block();
                }
            }, count -> {
                for (int i = 0; i < count; i++) {
                    raw.get("/1.0");
                }
            });
        }
    }

    /**
     * B1n: the transport the client must build on (Reactor Netty's {@code HttpClient}, without
     * WebClient, reading the body's bytes and decoding nothing) against the same raw baseline: the
     * ceiling of any client on WebClient and Reactor Netty, measured in the same run.
     */
    Result sequentialUnixSocketBareReactorNetty() throws Exception {
        ConnectionProvider pool = ConnectionProvider.create("b1n", 1);
        HttpClient netty = HttpClient.create(pool).remoteAddress(() -> new DomainSocketAddress(
                daemon.socketPath().toString()));
        try (RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            Result measured = compare("B1n", "the same with bare Reactor Netty (no WebClient, bytes not decoded): "
                    + "the ceiling of any WebClient-based client", count -> {
                        for (int i = 0; i < count; i++) {
                            netty.get().uri("/1.0").responseSingle((response, body) -> body.asByteArray()).block();
                        }
                    }, count -> {
                        for (int i = 0; i < count; i++) {
                            raw.get("/1.0");
                        }
                    });
            return new Result(measured.id(), measured.description(), measured.client(), measured.baseline(),
                    measured.ratio(), Result.REFERENCE, true);
        } finally {
            pool.dispose();
        }
    }

    Result concurrentUnixSocket() throws Exception {
        int callers = 16;
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        List<RawHttpClient> raws = new ArrayList<>();
        try (IncusClient client = IncusClient.builder().unixSocket(daemon.socketPath()).maxConnections(callers)
                .build()) {
            for (int i = 0; i < callers; i++) {
                raws.add(RawHttpClient.unixSocket(daemon.socketPath()));
            }
            return compare("B2", "GET /1.0 with 16 concurrent callers over the Unix socket", count -> {
                inParallel(threads, callers, caller -> {
                    for (int i = 0; i < count / callers; i++) {
                        client.server().get().block();
                    }
                });
            }, count -> {
                inParallel(threads, callers, caller -> {
                    for (int i = 0; i < count / callers; i++) {
                        raws.get(caller).get("/1.0");
                    }
                });
            });
        } finally {
            for (RawHttpClient raw : raws) {
                raw.close();
            }
            threads.shutdownNow();
        }
    }

    Result sequentialHttps() throws Exception {
        try (IncusClient client = IncusClient.builder().url(daemon.httpsUrl().toString())
                .clientCertificate(daemon.trustedClient().certificate(), daemon.trustedClient().privateKey())
                .serverCertificate(daemon.serverCertificate()).build();
                RawHttpClient raw = RawHttpClient.tls(daemon.httpsUrl(),
                        daemon.trustedClient().sslContext(daemon.serverCertificate()))) {
            return compare("B3", "sequential GET /1.0 over HTTPS with mutual TLS, decoded", count -> {
                for (int i = 0; i < count; i++) {
                    client.server().get().block();
                }
            }, count -> {
                for (int i = 0; i < count; i++) {
                    raw.get("/1.0");
                }
            });
        }
    }

    private Result compare(String id, String description, Side client, Side raw) throws Exception {
        client.run(settings.warmup());
        raw.run(settings.warmup());
        Measurement clientRate = new Measurement();
        Measurement rawRate = new Measurement();
        for (int round = 0; round < settings.rounds(); round++) {
            // Alternate which side goes first, so drift of the machine hits both alike.
            if (round % 2 == 0) {
                rawRate.add(rate(raw));
                clientRate.add(rate(client));
            } else {
                clientRate.add(rate(client));
                rawRate.add(rate(raw));
            }
        }
        double ratio = clientRate.median() / rawRate.median();
        return new Result(id, description, Report.rate(clientRate.median()), Report.rate(rawRate.median()),
                Report.ratio(ratio), ">= 0.90", ratio >= 0.90);
    }

    private double rate(Side side) throws Exception {
        long started = System.nanoTime();
        side.run(settings.requests());
        return settings.requests() / ((System.nanoTime() - started) / 1e9);
    }

    /** Work of one of several callers. */
    interface CallerWork {
        void run(int caller) throws IOException;
    }

    private static void inParallel(ExecutorService threads, int callers, CallerWork work) throws Exception {
        List<Future<Object>> running = new ArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            int number = caller;
            Callable<Object> task = () -> {
                work.run(number);
                return null;
            };
            running.add(threads.submit(task));
        }
        for (Future<Object> future : running) {
            future.get(10, TimeUnit.MINUTES);
        }
    }
}
