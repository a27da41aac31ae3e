package io.github.incus4j.spring.autoconfigure.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Server;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** What the warm-up does for an application: nothing reaches Incus, and the clients still work. */
class IncusClientWarmUpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IncusAutoConfiguration.class, IncusWarmUpAutoConfiguration.class));

    @Test
    void aSecondReadyEventSuchAsAChildContextsStartsNoSecondWarmUp() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        ObjectProvider<IncusClient> none = new ObjectProvider<>() {
            @Override
            public IncusClient getObject(Object... args) {
                throw new UnsupportedOperationException();
            }

            @Override
            public IncusClient getIfAvailable() {
                return null;
            }

            @Override
            public IncusClient getIfUnique() {
                return null;
            }

            @Override
            public IncusClient getObject() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Stream<IncusClient> orderedStream() {
                lookups.incrementAndGet();
                return Stream.empty();
            }
        };
        IncusClientWarmUp warmUp = new IncusClientWarmUp(none);

        warmUp.onApplicationEvent(null);
        assertThat(warmUp.awaitDone(WAIT.toMillis())).isTrue();
        warmUp.onApplicationEvent(null);
        warmUp.onApplicationEvent(null);

        assertThat(lookups).as("the clients were looked up, and a warm-up started, once").hasValue(1);
    }

    @Test
    void onceTheApplicationIsReadyEveryClientIsWarmedUpWithoutIncusReceivingAnything(@TempDir Path directory)
            throws Exception {
        Path socket = directory.resolve("incus.socket");
        Path named = directory.resolve("lab.socket");
        try (CountingSocket incus = new CountingSocket(socket); CountingSocket lab = new CountingSocket(named);
                ConfigurableApplicationContext context = start("--incus.socket-path=" + socket,
                        "--incus.clients.lab.socket-path=" + named)) {
            IncusClientWarmUp warmUp = context.getBean(IncusClientWarmUp.class);

            assertThat(warmUp.awaitDone(WAIT.toMillis())).as("the warm-up finished").isTrue();

            assertThat(incus.connections()).as("connections to the unnamed client's daemon").isZero();
            assertThat(lab.connections()).as("connections to the named client's daemon").isZero();
            assertThat(context.getBeansOfType(IncusClient.class)).hasSize(2)
                    .allSatisfy((name, client) -> assertThat(client.isClosed()).isFalse());
        }
    }

    @Test
    void theWarmUpStartsOnlyOnceTheApplicationIsReady(@TempDir Path directory) throws Exception {
        Path socket = directory.resolve("incus.socket");
        try (CountingSocket incus = new CountingSocket(socket);
                ConfigurableApplicationContext context = start(PhaseRecorder.class, "--incus.socket-path=" + socket)) {
            assertThat(context.getBean(IncusClientWarmUp.class).awaitDone(WAIT.toMillis())).isTrue();
            PhaseRecorder phases = context.getBean(PhaseRecorder.class);

            // The warm-up builds the transport, which makes the client's WebClient builder with the
            // application's customizers: not during start-up, once afterwards, on the warm-up's thread.
            assertThat(phases.lookupsWhenStarted).as("customizer uses when the application had started").hasValue(0);
            assertThat(phases.lookupThreads).as("threads that used the customizer").containsExactly("incus-warm-up");
            assertThat(incus.connections()).as("connections to the daemon").isZero();
        }
    }

    @Test
    void aWarmedUpClientMakesItsFirstCallAsUsual(@TempDir Path directory) throws Exception {
        Path socket = directory.resolve("incus.socket");
        try (AnsweringSocket incus = new AnsweringSocket(socket);
                ConfigurableApplicationContext context = start("--incus.socket-path=" + socket)) {
            assertThat(context.getBean(IncusClientWarmUp.class).awaitDone(WAIT.toMillis())).isTrue();
            assertThat(incus.requests()).isZero();

            Server server = context.getBean(IncusClient.class).server().get().block(WAIT);

            assertThat(server.isTrusted()).isTrue();
            assertThat(incus.requests()).isEqualTo(1);
        }
    }

    @Test
    void theWarmUpCanBeSwitchedOff() {
        runner.withPropertyValues("incus.warm-up.enabled=false")
                .run(context -> assertThat(context).hasSingleBean(IncusClient.class)
                        .doesNotHaveBean(IncusClientWarmUp.class));
        runner.run(context -> assertThat(context).hasSingleBean(IncusClientWarmUp.class));
    }

    @Test
    void withoutTheClientLibraryThereIsNoWarmUp() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(IncusClient.class))
                .run(context -> assertThat(context).doesNotHaveBean(IncusClientWarmUp.class));
    }

    private static ConfigurableApplicationContext start(String... args) {
        return start(App.class, args);
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, String... args) {
        SpringApplication application = new SpringApplication(configuration);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }

    /**
     * An application whose WebClient customizer notes the thread of each use, and how many there
     * had been when the application had started (after refresh, before the ready event).
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PhaseRecorder {

        final List<String> lookupThreads = new CopyOnWriteArrayList<>();
        final AtomicInteger lookupsWhenStarted = new AtomicInteger(-1);

        @Bean
        WebClientCustomizer recordingCustomizer() {
            return builder -> lookupThreads.add(Thread.currentThread().getName());
        }

        @Bean
        ApplicationListener<ApplicationStartedEvent> onStarted() {
            return event -> lookupsWhenStarted.set(lookupThreads.size());
        }
    }

    /** A Unix socket that counts the connections made to it and answers nothing. */
    private static class CountingSocket implements AutoCloseable {

        private final Path path;
        private final ServerSocketChannel server;
        private final AtomicInteger connections = new AtomicInteger();

        CountingSocket(Path path) throws IOException {
            this.path = path;
            this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(path));
            Thread accepting = new Thread(this::accept, "counting-socket");
            accepting.setDaemon(true);
            accepting.start();
        }

        private void accept() {
            while (server.isOpen()) {
                try (SocketChannel connection = server.accept()) {
                    connections.incrementAndGet();
                    serve(connection);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        void serve(SocketChannel connection) throws IOException {
            // answers nothing
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(path);
        }
    }

    /** A Unix socket that answers each request head with a trusted server envelope. */
    private static final class AnsweringSocket extends CountingSocket {

        private static final byte[] SERVER = ("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
                + "\"metadata\":{\"api_version\":\"1.0\",\"auth\":\"trusted\"}}").getBytes();
        private final AtomicInteger requests = new AtomicInteger();

        AnsweringSocket(Path path) throws IOException {
            super(path);
        }

        @Override
        void serve(SocketChannel connection) throws IOException {
            java.nio.ByteBuffer input = java.nio.ByteBuffer.allocate(16 * 1024);
            int matched = 0;
            while (connection.read(input) > 0) {
                input.flip();
                while (input.hasRemaining()) {
                    byte b = input.get();
                    matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                    if (matched == 4) {
                        requests.incrementAndGet();
                        connection.write(java.nio.ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: application/json"
                                + "\r\nContent-Length: " + SERVER.length + "\r\n\r\n").getBytes()));
                        connection.write(java.nio.ByteBuffer.wrap(SERVER));
                        matched = 0;
                    }
                }
                input.clear();
            }
        }

        int requests() {
            return requests.get();
        }
    }
}
