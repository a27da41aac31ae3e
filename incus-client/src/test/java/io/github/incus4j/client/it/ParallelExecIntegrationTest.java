package io.github.incus4j.client.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many short commands at once from one client, as CI runners and code sandboxes send them: every
 * exec opens its websockets on new connections while others close, which is where Netty's epoll
 * transport once handed a closed connection's last read event to a new one still connecting (see
 * {@code NeverConnected}). Before the client retried such connections, 16 of the 1,000 execs over
 * the Unix socket failed with {@code recvAddress(..) failed with error(-22): Invalid argument} (one
 * run), and over HTTPS one of 300 with {@code NotYetConnectedException} (another).
 */
@IncusIntegrationTest
class ParallelExecIntegrationTest {

    private static final int CONTAINERS = 10;
    private static final int IN_FLIGHT = 20;
    private static final Duration WAIT = Duration.ofMinutes(3);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyOneOfManyParallelExecsPrintsItsOutput(Transport transport, IncusDaemon daemon) {
        int execs = transport == Transport.UNIX_SOCKET ? 1_000 : 300;
        List<RunningContainer> containers = new ArrayList<>();
        try (IncusClient client = transport.client(daemon)) {
            try {
                Flux.range(0, CONTAINERS)
                        .flatMap(i -> Mono.fromCallable(() -> RunningContainer.launch(client, daemon, "par"))
                                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic()), CONTAINERS)
                        .doOnNext(containers::add)
                        .blockLast(WAIT);
                ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

                Flux.range(0, execs)
                        .flatMap(i -> client.instances().exec(containers.get(i % CONTAINERS).name())
                                .run(ExecRequest.of("echo", "exec " + i))
                                .doOnNext(result -> {
                                    if (result.exitCode() != 0 || !result.stdoutText().equals("exec " + i + "\n")) {
                                        wrong.add(i + ": exit " + result.exitCode() + ", printed " + result.stdoutText());
                                    }
                                })
                                .onErrorResume(failure -> {
                                    failures.add(failure);
                                    return Mono.empty();
                                }), IN_FLIGHT)
                        .blockLast(WAIT);

                assertThat(failures).as("execs that failed, of " + execs).isEmpty();
                assertThat(wrong).as("execs with the wrong output or exit code").isEmpty();
            } finally {
                containers.forEach(RunningContainer::close);
            }
        }
    }
}
