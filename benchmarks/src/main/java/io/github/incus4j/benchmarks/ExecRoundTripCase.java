package io.github.incus4j.benchmarks;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.InstanceExecApi;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B11: the round trip of a short command ({@code true}) in a running container, five ways
 * interleaved call by call: the client over websockets ({@code run}) and with
 * {@code record-output} ({@code runRecorded}); raw HTTP doing each of the two (the websocket
 * handshakes and frames written by hand on the same socket kind, the recorded logs read and
 * deleted as the client does); and {@code incus exec}.
 */
final class ExecRoundTripCase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    static final String INSTANCE = "bench-exec";
    private static final Pattern SECRET = Pattern.compile("\"(0|1|2|control)\":\"([^\"]+)\"");
    private static final Pattern OPERATION_ID = Pattern.compile("\"operation\":\"/1\\.0/operations/([^\"]+)\"");
    private static final Pattern LOG = Pattern.compile("\"([12])\":\"(/1\\.0/instances/[^\"]+)\"");

    private final IncusDaemon daemon;
    private final Settings settings;

    ExecRoundTripCase(IncusDaemon daemon, Settings settings) {
        this.daemon = daemon;
        this.settings = settings;
    }

    /** A way to run the command once. */
    interface Trip {
        void run() throws Exception;
    }

    Result[] run() throws Exception {
        List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        try (IncusClient client = Clients.unixSocket(daemon); Cli cli = Cli.unixSocket(daemon);
                RawHttpClient raw = RawHttpClient.unixSocket(daemon.socketPath())) {
            client.instances().create(InstancesPost.builder(INSTANCE).image(daemon.imageAlias()).start(true).build())
                    .flatMap(operation -> operation.await(WAIT)).block();
            try {
                InstanceExecApi exec = client.instances().exec(INSTANCE);
                Trip[] trips = {
                    () -> check(exec.run(ExecRequest.of("true")).block(WAIT)),
                    () -> check(exec.runRecorded(ExecRequest.of("true")).block(WAIT)),
                    () -> rawWebSocketExec(raw),
                    () -> rawRecordedExec(raw),
                    () -> cli.run("exec", INSTANCE, "--", "true")
                };
                for (int i = 0; i < Math.max(3, settings.roundTrips() / 10); i++) {
                    for (Trip trip : trips) {
                        trip.run();  // warm-up, not counted
                    }
                }
                for (int i = 0; i < settings.roundTrips(); i++) {
                    for (int turn = 0; turn < trips.length; turn++) {
                        int side = (i + turn) % trips.length;
                        long started = System.nanoTime();
                        trips[side].run();
                        times.get(side).add((System.nanoTime() - started) / 1e6);
                    }
                }
            } finally {
                client.instances().stop(INSTANCE, true).flatMap(operation -> operation.await(WAIT)).block();
                client.instances().delete(INSTANCE).flatMap(operation -> operation.await(WAIT)).block();
            }
        }
        for (List<Double> side : times) {
            Collections.sort(side);
        }
        double[] p50 = new double[5];
        double[] p99 = new double[5];
        for (int i = 0; i < 5; i++) {
            p50[i] = ParallelCyclesCase.percentile(times.get(i), 0.50);
            p99[i] = ParallelCyclesCase.percentile(times.get(i), 0.99);
        }
        int n = times.get(0).size();
        return new Result[] {
            compare("B11", "exec `true` in a running container over websockets (`run`), " + n + " round trips per side "
                    + "interleaved, p50/p99, against raw HTTP doing the same websocket exec", p50[0], p99[0], p50[2],
                    p99[2]),
            compare("B11r", "the same with `record-output` (`runRecorded`: exec, wait, read and delete both logs), "
                    + "against raw HTTP doing the same", p50[1], p99[1], p50[3], p99[3]),
            new Result("B11c", "both against `incus exec c -- true` (a process per call): websockets / record-output",
                    millis(p50[0], p99[0]) + " / " + millis(p50[1], p99[1]), millis(p50[4], p99[4]),
                    Report.ratio(p50[0] / p50[4]) + " / " + Report.ratio(p50[1] / p50[4]), Result.REFERENCE, true)
        };
    }

    private static Result compare(String id, String what, double clientP50, double clientP99, double rawP50,
            double rawP99) {
        double ratio50 = clientP50 / rawP50;
        double ratio99 = clientP99 / rawP99;
        return new Result(id, what, millis(clientP50, clientP99), millis(rawP50, rawP99), "p50 " + Report.ratio(ratio50)
                + ", p99 " + Report.ratio(ratio99), "<= 1.10", ratio50 <= 1.10 && ratio99 <= 1.10);
    }

    private static String millis(double p50, double p99) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", p50, p99);
    }

    private static void check(ExecResult result) {
        if (result == null || result.exitCode() != 0) {
            throw new IllegalStateException("true ended with " + result);
        }
    }

    /**
     * Exec over websockets by hand: the POST, the four websockets (control first, as the official
     * client does), the end of standard input, standard output and error read to their ends, then
     * the operation's wait for the exit code.
     */
    private void rawWebSocketExec(RawHttpClient raw) throws IOException {
        String answer = raw.exchange("POST", "/1.0/instances/" + INSTANCE + "/exec",
                "{\"command\":[\"true\"],\"wait-for-websocket\":true,\"interactive\":false}");
        String operation = RawHttpClient.found(OPERATION_ID, answer);
        Map<String, String> secrets = new HashMap<>();
        Matcher matcher = SECRET.matcher(answer);
        while (matcher.find()) {
            secrets.put(matcher.group(1), matcher.group(2));
        }
        String base = "/1.0/operations/" + operation + "/websocket?secret=";
        List<RawHttpClient.RawWebSocket> sockets = new ArrayList<>();
        try {
            RawHttpClient.RawWebSocket control = raw.websocket(base + secrets.get("control"));
            sockets.add(control);
            RawHttpClient.RawWebSocket stdin = raw.websocket(base + secrets.get("0"));
            sockets.add(stdin);
            RawHttpClient.RawWebSocket stdout = raw.websocket(base + secrets.get("1"));
            sockets.add(stdout);
            RawHttpClient.RawWebSocket stderr = raw.websocket(base + secrets.get("2"));
            sockets.add(stderr);
            stdin.send(RawHttpClient.RawWebSocket.TEXT, new byte[0]);
            stdout.readToEnd();
            stderr.readToEnd();
            String waited = raw.exchange("GET", "/1.0/operations/" + operation + "/wait?timeout=60", null);
            if (!waited.contains("\"return\":0")) {
                throw new IOException("raw exec did not return 0: " + waited);
            }
        } finally {
            for (RawHttpClient.RawWebSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Exec with record-output by hand: the POST, the wait, both logs read and deleted. */
    private void rawRecordedExec(RawHttpClient raw) throws IOException {
        String answer = raw.exchange("POST", "/1.0/instances/" + INSTANCE + "/exec",
                "{\"command\":[\"true\"],\"wait-for-websocket\":false,\"record-output\":true}");
        String waited = raw.exchange("GET", "/1.0/operations/" + RawHttpClient.found(OPERATION_ID, answer) + "/wait?timeout=60",
                null);
        if (!waited.contains("\"return\":0")) {
            throw new IOException("raw exec did not return 0: " + waited);
        }
        Matcher logs = LOG.matcher(waited);
        while (logs.find()) {
            raw.exchange("GET", logs.group(2), null);
            raw.exchange("DELETE", logs.group(2), null);
        }
    }
}
