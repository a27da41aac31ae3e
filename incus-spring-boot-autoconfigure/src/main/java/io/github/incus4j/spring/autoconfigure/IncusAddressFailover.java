package io.github.incus4j.spring.autoconfigure;

import io.github.incus4j.client.IncusConnectionException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Sends each request of a client to one of a remote's addresses, trying the next one when an
 * address cannot be reached, as the {@code incus} command line does with a remote whose
 * {@code addr} lists several addresses.
 *
 * <p>Requests go to the address that answered last (at first the first address). When connecting
 * fails (refused, unreachable, unknown host, connect timeout, failed TLS handshake), nothing of the
 * request has reached a daemon, so it is sent, unchanged, to the next address, and so on once
 * around the list; an address that answers becomes the one used from then on. A failure after
 * the connection was made (a timeout waiting for the answer, a reset) is not retried: the daemon
 * may have acted on the request. Nothing is contacted before the application's first request.
 *
 * <p>Websocket connections (events, exec, console) and raw upgrades (SFTP, NBD, port forwarding)
 * are made by the client without WebClient and always go to the first address.
 */
final class IncusAddressFailover implements ExchangeFilterFunction {

    private static final Log logger = LogFactory.getLog(IncusAddressFailover.class);

    private final String remote;
    private final List<URI> addresses;
    private final AtomicInteger current = new AtomicInteger();

    /**
     * Creates the filter.
     *
     * @param remote the remote's name, for messages
     * @param addresses the addresses, {@code https://host:port}, in the order to try; the client's
     *     base URL is the first
     */
    IncusAddressFailover(String remote, List<URI> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address");
        }
        this.remote = remote;
        this.addresses = List.copyOf(addresses);
    }

    /** The address requests go to now. */
    URI currentAddress() {
        return addresses.get(current.get());
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        int start = current.get();
        return attempt(request, next, start, 0, new ArrayList<>());
    }

    private Mono<ClientResponse> attempt(ClientRequest request, ExchangeFunction next, int start, int tried,
            List<String> failures) {
        int index = (start + tried) % addresses.size();
        URI address = addresses.get(index);
        ClientRequest routed = ClientRequest.from(request).url(rebase(request.url(), address)).build();
        return Mono.defer(() -> next.exchange(routed))
                .doOnNext(response -> {
                    if (index != start && current.compareAndSet(start, index) && logger.isInfoEnabled()) {
                        logger.info("Incus remote '" + remote + "': " + String.join("; ", failures) + "; using "
                                + address + " from now on");
                    }
                })
                .onErrorResume(IncusAddressFailover::isConnectFailure, failure -> {
                    failures.add(address + " did not answer (" + rootCause(failure).getMessage() + ")");
                    if (tried + 1 < addresses.size()) {
                        return attempt(request, next, start, tried + 1, failures);
                    }
                    return Mono.error(allFailed(request, failures, failure));
                });
    }

    private IncusConnectionException allFailed(ClientRequest request, List<String> failures, Throwable last) {
        Throwable cause = rootCause(last);
        IncusConnectionException.Reason reason = cause instanceof ConnectTimeoutException
                ? IncusConnectionException.Reason.TIMEOUT
                : cause instanceof SSLHandshakeException ? IncusConnectionException.Reason.TLS
                : cause instanceof ConnectException ? IncusConnectionException.Reason.CONNECTION_REFUSED
                : IncusConnectionException.Reason.IO;
        String where = addresses.stream().map(URI::toString).reduce((a, b) -> a + "," + b).orElseThrow();
        return new IncusConnectionException(reason, where, request.method() + " " + request.url().getRawPath()
                + ": none of the " + addresses.size() + " addresses of Incus remote '" + remote + "' answered: "
                + String.join("; ", failures) + ". Start the daemon, or check the remote's addresses ('incus remote "
                + "list') and core.https_address on the server", last);
    }

    /** The same request URI on another address: scheme, host and port replaced, path and query kept raw. */
    static URI rebase(URI url, URI address) {
        StringBuilder rebased = new StringBuilder(address.getScheme()).append("://").append(address.getRawAuthority());
        if (url.getRawPath() != null) {
            rebased.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            rebased.append('?').append(url.getRawQuery());
        }
        return URI.create(rebased.toString());
    }

    /** Whether the failure happened before anything of the request reached a daemon. */
    static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public String toString() {
        return "IncusAddressFailover[" + remote + ": " + addresses + ", current " + currentAddress() + "]";
    }
}
