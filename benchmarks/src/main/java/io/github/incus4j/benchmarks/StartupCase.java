package io.github.incus4j.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * B6: what the starter adds to a Spring Boot application's start-up, and proof that start-up
 * sends Incus nothing. Child JVMs start {@link StartupApp} alternately with the full class path
 * and with the same class path minus the auto-configuration jar; {@code incus.socket-path} points
 * at a socket in this process that counts every connection.
 */
final class StartupCase {

    private static final Pattern READY = Pattern.compile("READY_MS=(\\d+) INCUS_CLIENT_BEANS=(\\d+)");

    private final Settings settings;

    StartupCase(Settings settings) {
        this.settings = settings;
    }

    Result[] run() throws Exception {
        String classPath = System.getProperty("java.class.path");
        String withoutStarter = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.contains("incus-spring-boot-autoconfigure"))
                .collect(Collectors.joining(File.pathSeparator));
        if (withoutStarter.equals(classPath)) {
            throw new IllegalStateException("the auto-configuration is not on the class path: " + classPath);
        }
        Path directory = Files.createTempDirectory("incus-b6");
        Path socket = directory.resolve("counting.socket");
        AtomicInteger connections = new AtomicInteger();
        int starts = settings.smoke() ? 1 : 7;
        Measurement with = new Measurement();
        Measurement without = new Measurement();
        int beansWith = -1;
        try (ServerSocketChannel counter = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            counter.bind(UnixDomainSocketAddress.of(socket));
            Thread accepting = new Thread(() -> count(counter, connections), "b6-counting-socket");
            accepting.setDaemon(true);
            accepting.start();
            start(classPath, socket);
            start(withoutStarter, socket);
            for (int i = 0; i < starts; i++) {
                int[] first = i % 2 == 0 ? start(withoutStarter, socket) : start(classPath, socket);
                int[] second = i % 2 == 0 ? start(classPath, socket) : start(withoutStarter, socket);
                int[] starter = i % 2 == 0 ? second : first;
                without.add(i % 2 == 0 ? first[0] : second[0]);
                with.add(starter[0]);
                beansWith = starter[1];
            }
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(directory);
        }
        double added = with.median() - without.median();
        return new Result[] {
            new Result("B6", "start-up of a minimal Spring Boot application with the starter (" + beansWith
                    + " IncusClient bean) against without, median of " + with.size() + " JVM starts",
                    Report.millis(with.median()), Report.millis(without.median()), "+" + Report.millis(added),
                    "< 100 ms added", added < 100),
            new Result("B6r", "requests the daemon received during those start-ups", connections.get() + " connections",
                    "-", "-", "0", connections.get() == 0)
        };
    }

    /** Starts one child JVM and returns its time to a ready context and its number of IncusClient beans. */
    private static int[] start(String classPath, Path socket) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-cp", classPath, StartupApp.class.getName(), "--incus.socket-path=" + socket,
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the start-up application failed: " + output);
        }
        Matcher ready = READY.matcher(output);
        if (!ready.find()) {
            throw new IllegalStateException("the start-up application printed no READY_MS: " + output);
        }
        return new int[] {Integer.parseInt(ready.group(1)), Integer.parseInt(ready.group(2))};
    }

    private static void count(ServerSocketChannel counter, AtomicInteger connections) {
        while (counter.isOpen()) {
            try (SocketChannel ignored = counter.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }
}
