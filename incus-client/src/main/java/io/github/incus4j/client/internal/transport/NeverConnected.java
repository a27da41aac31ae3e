package io.github.incus4j.client.internal.transport;

import io.netty.channel.unix.Errors;
import java.nio.channels.NotYetConnectedException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recognises a connection that failed before it was ever connected, so that the attempt can be
 * made again on a new connection whatever the request: the daemon cannot have received a byte of
 * it.
 *
 * <p>Why this happens: Netty's epoll event loop (4.2, up to 4.2.18 at least) hands the events of one
 * {@code epoll_wait} to channels by file descriptor number. When a channel is closed while such a
 * batch is being handled, and a new channel is created on the same event loop before the batch is
 * done (an exec answer opens its websockets there), the new channel gets the closed one's number,
 * and with it the closed one's leftover read event. The new channel then reads before it has
 * connected, and the kernel refuses the read: {@code EINVAL} for a Unix stream socket that is not
 * connected, {@code ENOTCONN} for a TCP socket, which Netty reports as a
 * {@link NotYetConnectedException}. Measured here: 28 of 4,000 exec websockets, 20 at a time over
 * the Unix socket, failed this way, and HTTPS fails the same way; with Netty's NIO transport none
 * did. A Unix stream socket refuses reads with {@code EINVAL} only while unconnected, and a TCP
 * socket with {@code ENOTCONN} only if it never connected (Linux's {@code unix_stream_read_generic}
 * and {@code tcp_recvmsg}), so this failure proves the request was never sent.
 */
public final class NeverConnected {

    /** Linux's errno value as Netty reports it (negated); epoll exists only on Linux. */
    private static final int EINVAL = -22;

    /** How often a request is tried again after such a failure (each retry is a new connection). */
    private static final int RETRIES = 3;

    private NeverConnected() {
    }

    /**
     * Tells whether a failure is a read refused by a socket that was never connected.
     *
     * @param failure what a connection attempt or exchange failed with
     * @return {@code true} if the request cannot have reached the daemon and may be sent again
     */
    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth++ < 20; cause = cause.getCause()) {
            if (cause instanceof NotYetConnectedException
                    || cause instanceof Errors.NativeIoException nativeFailure && isRead(nativeFailure)
                            && nativeFailure.expectedErr() == EINVAL) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Subscribes to an attempt again, at once, when it failed this way, up to {@value #RETRIES}
     * times; any other failure, or the last one, is signalled as it was. (Not {@code retryWhen}: it
     * sets up a companion publisher for every request, failing or not.)
     *
     * @param attempt makes a new connection on each subscription
     * @param <T> what it emits
     * @return the attempt with its retries
     */
    public static <T> Mono<T> retried(Mono<T> attempt) {
        return retried(attempt, RETRIES);
    }

    /**
     * {@link #retried(Mono)} for an attempt that emits several elements; this failure can only
     * come before the first.
     *
     * @param attempt makes a new connection on each subscription
     * @param <T> what it emits
     * @return the attempt with its retries
     */
    public static <T> Flux<T> retried(Flux<T> attempt) {
        return retried(attempt, RETRIES);
    }

    private static <T> Mono<T> retried(Mono<T> attempt, int retriesLeft) {
        return retriesLeft == 0 ? attempt
                : attempt.onErrorResume(NeverConnected::isCause, failure -> retried(attempt, retriesLeft - 1));
    }

    private static <T> Flux<T> retried(Flux<T> attempt, int retriesLeft) {
        return retriesLeft == 0 ? attempt
                : attempt.onErrorResume(NeverConnected::isCause, failure -> retried(attempt, retriesLeft - 1));
    }

    private static boolean isRead(Errors.NativeIoException failure) {
        String message = String.valueOf(failure.getMessage());
        return message.startsWith("recv") || message.startsWith("read");
    }
}
