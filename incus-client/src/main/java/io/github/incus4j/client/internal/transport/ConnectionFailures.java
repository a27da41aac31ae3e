package io.github.incus4j.client.internal.transport;

import io.github.incus4j.client.exception.IncusConnectionException.Reason;
import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Turns low-level connection failures into {@link IncusConnectionException}s whose message says
 * what happened and what to do, in the words of the official client where it has them.
 */
public final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /**
     * Translates a failure of a request.
     *
     * @param failure what the HTTP layer threw
     * @param endpoint where the request went
     * @param request the method and path, for the message
     * @param responseTimeout the response timeout in force, for the message
     * @return the exception to raise, or {@code failure} itself when it is already an
     *     {@link IncusException} or not a connection problem
     */
    public static Throwable translate(Throwable failure, Endpoint endpoint, String request, Duration responseTimeout) {
        if (failure instanceof IncusException) {
            return failure;
        }
        Throwable cause = rootCause(failure);
        String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        String where = endpoint.describe();
        if (cause instanceof SSLException || hasCause(failure, SSLException.class)) {
            return new IncusConnectionException(Reason.TLS, where, request + ": the TLS handshake with " + where
                    + " failed (" + cause.getMessage() + "). Check that the pinned server certificate is the server's "
                    + "current one (its server.crt, or 'incus remote add' again), that a CA given for trust signed it, "
                    + "and that the server offers TLS 1.3", failure);
        }
        if (cause instanceof ReadTimeoutException || cause instanceof TimeoutException) {
            return new IncusConnectionException(Reason.TIMEOUT, where, request + ": no response from " + where
                    + " within " + responseTimeout + "; the daemon may be overloaded or stuck, or raise the "
                    + "response timeout", failure);
        }
        if (cause instanceof ConnectTimeoutException) {
            return new IncusConnectionException(Reason.TIMEOUT, where, request + ": connecting to " + where
                    + " timed out (" + cause.getMessage() + "); check the address and any firewall", failure);
        }
        if (cause instanceof PrematureCloseException || text.contains("connection reset")
                || text.contains("broken pipe") || text.contains("prematurely closed")) {
            return new IncusConnectionException(Reason.CONNECTION_CLOSED, where, request + ": the connection to "
                    + where + " was closed before the response was complete (" + cause.getMessage()
                    + "); the daemon may have restarted", failure);
        }
        if (endpoint instanceof UnixSocketEndpoint socket && isConnectFailure(cause, text)) {
            return socketFailure(socket, request, text, failure);
        }
        if (cause instanceof ConnectException || text.contains("connection refused")) {
            return new IncusConnectionException(Reason.CONNECTION_REFUSED, where, request + ": connection refused by "
                    + where + ": the Incus daemon does not appear to be running there, or does not listen on that "
                    + "address (core.https_address)", failure);
        }
        if (cause instanceof IOException) {
            return new IncusConnectionException(Reason.IO, where, request + ": input/output error talking to " + where
                    + ": " + cause.getMessage(), failure);
        }
        return failure;
    }

    private static IncusConnectionException socketFailure(UnixSocketEndpoint socket, String request, String text,
            Throwable failure) {
        Path path = socket.path();
        String where = socket.describe();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            String tried = socket.tried().stream().map(Path::toString).collect(Collectors.joining(", "));
            return new IncusConnectionException(Reason.SOCKET_NOT_FOUND, where, request + ": no Incus socket found "
                    + "(tried " + tried + "). Is Incus installed and running? Otherwise give the socket path "
                    + "explicitly, or set INCUS_SOCKET or INCUS_DIR", failure);
        }
        if (text.contains("permission denied") || !Files.isWritable(path)) {
            return new IncusConnectionException(Reason.PERMISSION_DENIED, where, request + ": permission denied on "
                    + path + ". Add the user to the 'incus-admin' group (then log in again), or use the per-user "
                    + "socket 'unix.socket.user' of the incus-user service, which confines you to project user-<uid>",
                    failure);
        }
        return new IncusConnectionException(Reason.CONNECTION_REFUSED, where, request + ": connection refused on "
                + path + ": the Incus daemon does not appear to be running (start it, for example with "
                + "'systemctl start incus')", failure);
    }

    private static boolean isConnectFailure(Throwable cause, String text) {
        // epoll reports a missing socket file as a FileNotFoundException without a message.
        return cause instanceof ConnectException || cause instanceof java.io.FileNotFoundException
                || text.contains("connection refused")
                || text.contains("no such file") || text.contains("permission denied");
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The innermost cause, or the TLS failure on the way there; cause chains are followed at most 20 deep. */
    static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        int depth = 0;
        while (current.getCause() != null && current.getCause() != current && depth++ < 20) {
            if (current instanceof SSLException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }
}
