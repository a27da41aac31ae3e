package io.github.incus4j.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.IncusConnectionException;
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
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Which address a request goes to, and when the next one is tried. */
class IncusAddressFailoverTest {

    private static final URI FIRST = URI.create("https://10.0.0.1:8443");
    private static final URI SECOND = URI.create("https://10.0.0.2:9443");

    private final List<URI> sent = new ArrayList<>();

    @Test
    void aRefusedAddressIsSkippedAndTheOneThatAnswersIsKept() {
        IncusAddressFailover failover = new IncusAddressFailover("farm", List.of(FIRST, SECOND));
        ExchangeFunction network = network(Set.of("10.0.0.1"), null);

        StepVerifier.create(failover.filter(request("/1.0/instances?recursion=1&filter=name%20eq%20a"), network))
                .assertNext(response -> assertThat(response.statusCode()).isEqualTo(HttpStatus.OK))
                .verifyComplete();
        StepVerifier.create(failover.filter(request("/1.0"), network)).expectNextCount(1).verifyComplete();

        assertThat(sent).containsExactly(URI.create("https://10.0.0.1:8443/1.0/instances?recursion=1&filter=name%20eq%20a"),
                URI.create("https://10.0.0.2:9443/1.0/instances?recursion=1&filter=name%20eq%20a"),
                URI.create("https://10.0.0.2:9443/1.0"));
        assertThat(failover.currentAddress()).isEqualTo(SECOND);
    }

    @Test
    void whenEveryAddressIsDownTheErrorNamesThemAll() {
        IncusAddressFailover failover = new IncusAddressFailover("farm", List.of(FIRST, SECOND));

        StepVerifier.create(failover.filter(request("/1.0"), network(Set.of("10.0.0.1", "10.0.0.2"), null)))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(IncusConnectionException.class);
                    IncusConnectionException connection = (IncusConnectionException) error;
                    assertThat(connection.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_REFUSED);
                    assertThat(connection.getMessage()).contains("none of the 2 addresses of Incus remote 'farm'")
                            .contains(FIRST + " did not answer").contains(SECOND + " did not answer");
                })
                .verify(Duration.ofSeconds(5));
        assertThat(sent).hasSize(2);
        assertThat(failover.currentAddress()).isEqualTo(FIRST);
    }

    @Test
    void aFailureAfterConnectingIsNotRetried() {
        IncusAddressFailover failover = new IncusAddressFailover("farm", List.of(FIRST, SECOND));

        StepVerifier.create(failover.filter(request("/1.0/instances"),
                        network(Set.of(), new IOException("Connection reset by peer"))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(WebClientRequestException.class))
                .verify(Duration.ofSeconds(5));
        assertThat(sent).containsExactly(URI.create("https://10.0.0.1:8443/1.0/instances"));
    }

    @Test
    void theRequestIsSentFromTheCurrentAddressOn() {
        assertThat(IncusAddressFailover.rebase(URI.create("https://10.0.0.1:8443/1.0/instances/a%2Fb?project=x"),
                URI.create("https://[fd00::2]:8443"))).hasToString("https://[fd00::2]:8443/1.0/instances/a%2Fb?project=x");
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
