package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.nio.channels.NotYetConnectedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

class NeverConnectedTest {

    private static final int EINVAL = -22;
    private static final int ECONNRESET = -104;

    @BeforeAll
    static void nativeTransportLoaded() {
        // Netty's native errors take their text from the native library, which loading epoll brings;
        // the failure exists only where epoll does.
        Assumptions.assumeTrue(Epoll.isAvailable(), () -> "Netty's epoll transport is not available here: "
                + Epoll.unavailabilityCause());
    }

    @Test
    void aReadRefusedByAnUnconnectedSocketIsRecognisedThroughWrappers() {
        Errors.NativeIoException unixRead = new Errors.NativeIoException("recvAddress", EINVAL);
        // Netty reports ENOTCONN, a TCP socket's refusal, as the JDK's exception.
        NotYetConnectedException tcpRead = new NotYetConnectedException();

        assertThat(NeverConnected.isCause(unixRead)).isTrue();
        assertThat(NeverConnected.isCause(wrapped(tcpRead))).isTrue();
        assertThat(NeverConnected.isCause(new IllegalStateException("outer", wrapped(unixRead)))).isTrue();
    }

    @Test
    void otherFailuresMayHaveReachedTheDaemonAndAreNotRecognised() {
        assertThat(NeverConnected.isCause(new Errors.NativeIoException("recvAddress", ECONNRESET))).isFalse();
        // A write refused that way may follow bytes already sent on the same connection.
        assertThat(NeverConnected.isCause(new Errors.NativeIoException("writeAddress", EINVAL))).isFalse();
        assertThat(NeverConnected.isCause(new IOException("recvAddress(..) failed with error(-22)"))).isFalse();
        assertThat(NeverConnected.isCause(new IllegalStateException("closed"))).isFalse();
    }

    @Test
    void aStreamIsSubscribedAgainForThatFailureToo() {
        AtomicInteger attempts = new AtomicInteger();
        java.util.List<String> lines = reactor.core.publisher.Flux.defer(() -> attempts.incrementAndGet() < 2
                        ? reactor.core.publisher.Flux.<String>error(new NotYetConnectedException())
                        : reactor.core.publisher.Flux.just("a", "b"))
                .transform(NeverConnected::retried).collectList().block(Duration.ofSeconds(5));
        assertThat(lines).containsExactly("a", "b");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void theRetrySubscribesAgainOnlyForThatFailureAndAFewTimes() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = Mono.defer(() -> attempts.incrementAndGet() < 3
                        ? Mono.<String>error(wrapped(new Errors.NativeIoException("recvAddress", EINVAL)))
                        : Mono.just("answer"))
                .transform(NeverConnected::retried).block(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("answer");
        assertThat(attempts).hasValue(3);

        AtomicInteger otherAttempts = new AtomicInteger();
        Mono<String> reset = Mono.defer(() -> {
            otherAttempts.incrementAndGet();
            return Mono.<String>error(wrapped(new Errors.NativeIoException("recvAddress", ECONNRESET)));
        });
        assertThatThrownBy(() -> NeverConnected.retried(reset).block(Duration.ofSeconds(5)))
                .isInstanceOf(WebClientRequestException.class);
        assertThat(otherAttempts).as("a connection reset is not retried").hasValue(1);

        AtomicInteger hopeless = new AtomicInteger();
        Mono<String> always = Mono.defer(() -> {
            hopeless.incrementAndGet();
            return Mono.<String>error(wrapped(new Errors.NativeIoException("recvAddress", EINVAL)));
        });
        assertThatThrownBy(() -> NeverConnected.retried(always).block(Duration.ofSeconds(5)))
                .as("the last failure as it was")
                .isInstanceOf(WebClientRequestException.class)
                .hasRootCauseInstanceOf(Errors.NativeIoException.class);
        assertThat(hopeless).as("the first attempt and three retries").hasValue(4);
    }

    private static WebClientRequestException wrapped(Throwable cause) {
        return new WebClientRequestException(cause, org.springframework.http.HttpMethod.GET,
                java.net.URI.create("http://localhost/1.0"), new org.springframework.http.HttpHeaders());
    }
}
