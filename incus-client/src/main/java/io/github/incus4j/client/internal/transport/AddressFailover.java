package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusConnectionException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.reactivestreams.Publisher;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chooses which of a daemon's addresses (a cluster's members, as the {@code incus} command line
 * lists them in a remote's {@code addr}) each connection goes to: requests, websockets and raw
 * upgrades alike.
 *
 * <p>Connections go to the address that answered last (at first the first one). When connecting
 * fails (refused, unreachable, unknown host, connect timeout, failed TLS handshake), nothing of the
 * request has reached a daemon, so the same request is made to the next address, and so on once
 * around the list; the address that answers becomes the one used from then on. Any failure once
 * the connection is made (no answer in time, a reset, a request body that fails, whatever its
 * cause) is never retried elsewhere: the daemon may have acted on the request.
 */
public final class AddressFailover {

    private static final Log logger = LogFactory.getLog(AddressFailover.class);
    /** How deep cause chains are followed (a chain may loop). */
    private static final int MAX_CAUSES = 20;

    private final HttpsEndpoint endpoint;
    private final List<URI> addresses;
    private final AtomicInteger current = new AtomicInteger();

    /**
     * Creates the failover over the addresses of an endpoint.
     *
     * @param endpoint the endpoint; its first address is used first
     */
    public AddressFailover(HttpsEndpoint endpoint) {
        this.endpoint = endpoint;
        this.addresses = endpoint.urls();
    }

    /**
     * Returns the endpoint whose addresses this chooses from.
     *
     * @return the endpoint
     */
    public HttpsEndpoint endpoint() {
        return endpoint;
    }

    /**
     * Returns the address connections go to now.
     *
     * @return the base URL, {@code https://host:port}
     */
    public URI current() {
        return addresses.get(current.get());
    }

    /**
     * One try of a streamed call on one address.
     *
     * @param <T> what the call emits
     */
    @FunctionalInterface
    public interface Attempt<T> {

        /**
         * Makes the connection to one address and does the work on it.
         *
         * @param address the base URL
         * @param connected to run once the connection is made (TLS handshake included) and before
         *     anything of the request is sent: from then on a failure is never taken as the address
         *     not answering, whatever its cause, so the request is not made again elsewhere
         * @return what the work emits
         */
        Publisher<T> on(URI address, Runnable connected);
    }

    /**
     * Makes a connection to the current address, and to the next ones while connecting fails.
     *
     * @param description method and path, for messages
     * @param attempt makes the connection to one base URL and does the work on it
     * @param <T> what the work emits
     * @return what the work emits on the first address that could be reached; when none could, an
     *     {@link IncusConnectionException} naming every address and why it failed
     */
    public <T> Flux<T> inTurn(String description, Attempt<T> attempt) {
        if (addresses.size() == 1) {
            return Flux.defer(() -> attempt.on(addresses.get(0), () -> { }));
        }
        return Flux.defer(() -> attempt(description, attempt, current.get(), 0, new ArrayList<>()));
    }

    private <T> Flux<T> attempt(String description, Attempt<T> attempt, int start, int tried, List<String> failures) {
        int index = (start + tried) % addresses.size();
        URI address = addresses.get(index);
        AtomicBoolean connected = new AtomicBoolean();
        Runnable onConnected = () -> {
            if (connected.compareAndSet(false, true)) {
                reached(index, start, address, failures);
            }
        };
        return Flux.<T>from(Flux.defer(() -> attempt.on(address, onConnected)))
                .doOnEach(signal -> {
                    // Any answer, an error answer included, shows the address was reached.
                    if (signal.isOnNext() || signal.isOnComplete()
                            || (signal.isOnError() && !isConnectFailure(signal.getThrowable()))) {
                        onConnected.run();
                    }
                })
                .onErrorResume(failure -> !connected.get() && isConnectFailure(failure), failure -> {
                    failures.add(didNotAnswer(address, failure));
                    if (tried + 1 < addresses.size()) {
                        return attempt(description, attempt, start, tried + 1, failures);
                    }
                    return Mono.error(allFailed(description, failures, failure));
                });
    }

    /**
     * Returns a WebClient filter that sends each request to the current address, and to the next
     * ones while connecting fails.
     *
     * @return the filter
     */
    public ExchangeFilterFunction filter() {
        return (request, next) -> inTurn(request.method() + " " + request.url().getRawPath(),
                (address, connected) -> {
                    // WebClient writes the body (an empty one too) once the connection is made:
                    // from then on the daemon may have the request, whatever fails next.
                    BodyInserter<Object, ClientHttpRequest> body = (message, context) -> {
                        connected.run();
                        return request.body().insert(message, context);
                    };
                    return next.exchange(ClientRequest.from(request).url(rebase(request.url(), address)).body(body)
                            .build());
                })
                // Not next(): it would cancel the exchange after its response, which releases the body.
                .singleOrEmpty();
    }

    private void reached(int index, int start, URI address, List<String> failures) {
        if (index != start && current.compareAndSet(start, index) && logger.isInfoEnabled()) {
            logger.info("Incus at " + describe() + ": " + String.join("; ", failures) + "; using " + address
                    + " from now on");
        }
    }

    private IncusConnectionException allFailed(String description, List<String> failures, Throwable last) {
        // The last failure, explained as for one address (reason and what to do), then every address tried.
        Throwable explained = ConnectionFailures.translate(last, endpoint, description, Duration.ZERO);
        IncusConnectionException.Reason reason = explained instanceof IncusConnectionException connection
                ? connection.reason() : IncusConnectionException.Reason.IO;
        String explanation = String.valueOf(explained.getMessage());
        if (explanation.startsWith(description + ": ")) {
            explanation = explanation.substring(description.length() + 2);
        }
        return new IncusConnectionException(reason, describe(), description + ": none of the " + addresses.size()
                + " addresses answered: " + String.join("; ", failures) + "; the last: " + explanation, last);
    }

    private String describe() {
        return endpoint.describe();
    }

    /**
     * Returns the same URI on another address: host and port replaced; scheme ({@code https} or
     * {@code wss}), path and query kept as they are (raw).
     *
     * @param url the URI made for the first address
     * @param address the base URL to use instead
     * @return the URI on that address
     */
    public static URI rebase(URI url, URI address) {
        StringBuilder rebased = new StringBuilder(url.getScheme()).append("://").append(address.getRawAuthority());
        if (url.getRawPath() != null) {
            rebased.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            rebased.append('?').append(url.getRawQuery());
        }
        return URI.create(rebased.toString());
    }

    /**
     * Whether a failure happened before anything of the request reached a daemon.
     *
     * @param failure what the connection attempt failed with
     * @return {@code true} for a refused, unreachable or unknown address, a connect timeout or a
     *     failed TLS handshake
     */
    static boolean isConnectFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++, t = t.getCause()) {
            // Netty's ConnectTimeoutException is a ConnectException.
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String didNotAnswer(URI address, Throwable failure) {
        Throwable cause = ConnectionFailures.rootCause(failure);
        return address + " did not answer (" + (cause.getMessage() != null ? cause.getMessage()
                : cause.getClass().getSimpleName()) + ")";
    }

    @Override
    public String toString() {
        return "AddressFailover[" + addresses + ", current " + current() + "]";
    }
}
