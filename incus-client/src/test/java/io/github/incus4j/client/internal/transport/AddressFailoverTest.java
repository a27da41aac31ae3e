package io.github.incus4j.client.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.exception.IncusConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Which address a request or a stream (a websocket, a raw upgrade) goes to, and when the next one is tried. */
class AddressFailoverTest {

    private static final URI FIRST = URI.create("https://10.0.0.1:8443");
    private static final URI SECOND = URI.create("https://10.0.0.2:9443");

    private final List<URI> sent = new ArrayList<>();

    @Test
    void aRefusedAddressIsSkippedAndTheOneThatAnswersIsKept() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));
        ExchangeFunction network = network(Set.of("10.0.0.1"), null);

        StepVerifier.create(failover.filter().filter(request("/1.0/instances?recursion=1&filter=name%20eq%20a"), network))
                .assertNext(response -> assertThat(response.statusCode()).isEqualTo(HttpStatus.OK))
                .verifyComplete();
        StepVerifier.create(failover.filter().filter(request("/1.0"), network)).expectNextCount(1).verifyComplete();

        assertThat(sent).containsExactly(URI.create("https://10.0.0.1:8443/1.0/instances?recursion=1&filter=name%20eq%20a"),
                URI.create("https://10.0.0.2:9443/1.0/instances?recursion=1&filter=name%20eq%20a"),
                URI.create("https://10.0.0.2:9443/1.0"));
        assertThat(failover.current()).isEqualTo(SECOND);
    }

    @Test
    void whenEveryAddressIsDownTheErrorNamesThemAll() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));

        StepVerifier.create(failover.filter().filter(request("/1.0"), network(Set.of("10.0.0.1", "10.0.0.2"), null)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(IncusConnectionException.class);
                    IncusConnectionException connection = (IncusConnectionException) error;
                    assertThat(connection.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_REFUSED);
                    assertThat(connection.getMessage()).contains("none of the 2 addresses answered")
                            .contains(FIRST + " did not answer").contains(SECOND + " did not answer");
                })
                .verify(Duration.ofSeconds(5));
        assertThat(sent).hasSize(2);
        assertThat(failover.current()).isEqualTo(FIRST);
    }

    @Test
    void aFailureAfterConnectingIsNotRetried() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));

        StepVerifier.create(failover.filter().filter(request("/1.0/instances"),
                        network(Set.of(), new IOException("Connection reset by peer"))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WebClientRequestException.class))
                .verify(Duration.ofSeconds(5));
        assertThat(sent).containsExactly(URI.create("https://10.0.0.1:8443/1.0/instances"));
    }

    @Test
    void theRequestIsSentFromTheCurrentAddressOn() {
        assertThat(AddressFailover.rebase(URI.create("https://10.0.0.1:8443/1.0/instances/a%2Fb?project=x"),
                URI.create("https://[fd00::2]:8443"))).hasToString("https://[fd00::2]:8443/1.0/instances/a%2Fb?project=x");
    }

    @Test
    void aWebsocketURIKeepsItsSchemeOnAnotherAddress() {
        assertThat(AddressFailover.rebase(URI.create("wss://10.0.0.1:8443/1.0/events?type=lifecycle"), SECOND))
                .hasToString("wss://10.0.0.2:9443/1.0/events?type=lifecycle");
    }

    @Test
    void aStreamThatFailsToConnectIsOpenedOnTheNextAddressAndAnErrorAnswerCountsAsReached() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));
        List<URI> tried = new ArrayList<>();

        StepVerifier.create(failover.inTurn("GET /1.0/events", (address, connected) -> {
            tried.add(address);
            return address.equals(FIRST) ? Flux.error(new ConnectException("Connection refused"))
                    : Flux.just("event-1", "event-2");
        })).expectNext("event-1", "event-2").verifyComplete();
        assertThat(tried).containsExactly(FIRST, SECOND);
        assertThat(failover.current()).isEqualTo(SECOND);

        // An answer that is an error (here a handshake refused by the daemon) is not retried.
        tried.clear();
        StepVerifier.create(failover.inTurn("GET /1.0/events", (address, connected) -> {
            tried.add(address);
            return Flux.error(new IllegalStateException("403 Forbidden"));
        })).expectErrorMessage("403 Forbidden").verify(Duration.ofSeconds(5));
        assertThat(tried).containsExactly(SECOND);
        assertThat(failover.current()).isEqualTo(SECOND);
    }

    @Test
    void aFailureAfterTheAttemptConnectedIsNotRetriedWhateverItsCause() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));
        List<URI> tried = new ArrayList<>();
        IOException bodyFailed = new IOException("the body's source went away", new ConnectException("refused"));

        StepVerifier.create(failover.inTurn("POST /1.0/instances/c1/files", (address, connected) -> {
            tried.add(address);
            connected.run();
            return Flux.error(bodyFailed);
        })).expectErrorSatisfies(error -> assertThat(error).isSameAs(bodyFailed)).verify(Duration.ofSeconds(5));
        assertThat(tried).containsExactly(FIRST);
    }

    @Test
    void withOneAddressFailuresPassUnchanged() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(FIRST));
        ConnectException refused = new ConnectException("Connection refused");

        StepVerifier.create(failover.inTurn("GET /1.0", (address, connected) -> Flux.error(refused)))
                .expectErrorSatisfies(error -> assertThat(error).isSameAs(refused)).verify(Duration.ofSeconds(5));
    }

    @Test
    void aConnectionToNoAddressNamesThemAll() {
        AddressFailover failover = new AddressFailover(new HttpsEndpoint(List.of(FIRST, SECOND)));
        List<URI> tried = new ArrayList<>();

        StepVerifier.create(failover.inTurn("GET /1.0/instances/c1/sftp", (address, connected) -> {
            tried.add(address);
            return Mono.error(new ConnectException("Connection refused"));
        })).expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(IncusConnectionException.class, e -> {
            assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_REFUSED);
            assertThat(e.getMessage()).contains("GET /1.0/instances/c1/sftp: none of the 2 addresses answered",
                    FIRST + " did not answer (Connection refused)", SECOND + " did not answer");
        })).verify(Duration.ofSeconds(5));
        assertThat(tried).containsExactly(FIRST, SECOND);
    }

    private static ClientRequest request(String path) {
        return ClientRequest.create(HttpMethod.GET, URI.create("https://10.0.0.1:8443" + path)).build();
    }

    /** Refuses connections to the given hosts; elsewhere answers 200, or fails with {@code failure}. */
    private ExchangeFunction network(Set<String> refused, IOException failure) {
        return request -> {
            sent.add(request.url());
            if (refused.contains(request.url().getHost())) {
                return Mono.error(new WebClientRequestException(new ConnectException("Connection refused"),
                        request.method(), request.url(), HttpHeaders.EMPTY));
            }
            if (failure != null) {
                return Mono.error(new WebClientRequestException(failure, request.method(), request.url(),
                        HttpHeaders.EMPTY));
            }
            return Mono.just(ClientResponse.create(HttpStatus.OK).build());
        };
    }
}
