package io.github.incus4j.test.oidc;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The provider's HTTP listener on the loopback address: turns exchanges into {@link HttpCall}s,
 * routes them by exact path and method, and writes the {@link Reply}. Handlers run on a small pool
 * of daemon threads that {@link #close()} stops.
 */
final class OidcHttpServer implements AutoCloseable {

    /** Handles one call. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(HttpCall call) throws OAuthException;
    }

    /**
     * What a path serves.
     *
     * @param method   the only method allowed
     * @param endpoint the handler
     */
    record Route(String method, Endpoint endpoint) {
    }

    private static final int THREADS = 4;
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int CLOSE_WAIT_SECONDS = 5;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final HttpServer server;
    private final ExecutorService executor;

    private OidcHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code 127.0.0.1} on the port, or on a free port if it is {@code 0}; {@link #serve(Map)}
     * starts answering.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    static OidcHttpServer bind(int port) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + loopback.getHostAddress() + ":" + port
                    + " for the OIDC provider" + (port == 0 ? "" : "; is the port taken? Pass 0 for a free one"), e);
        }
        String prefix = "incus-test-oidc-" + server.getAddress().getPort();
        return new OidcHttpServer(server, Executors.newFixedThreadPool(THREADS, daemonThreads(prefix)));
    }

    /** {@code http://127.0.0.1:<port>}. */
    String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    /** Starts answering: each path serves one method. */
    void serve(Map<String, Route> routes) {
        Map<String, Route> table = Map.copyOf(routes);
        server.createContext("/", exchange -> answer(exchange, table));
        server.setExecutor(executor);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, Map<String, Route> routes) throws IOException {
        try (exchange) {
            write(exchange, reply(exchange, routes));
        }
    }

    private static Reply reply(HttpExchange exchange, Map<String, Route> routes) {
        String path = exchange.getRequestURI().getPath();
        Route route = routes.get(path);
        if (route == null) {
            return Reply.text(404, "Not found: " + path);
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (!route.method().equals(method)) {
            return Reply.text(405, path + " answers " + route.method() + " only").withHeader("Allow", route.method());
        }
        try {
            return route.endpoint().handle(call(exchange, method, path));
        } catch (OAuthException e) {
            return e.toReply();
        } catch (IOException e) {
            return Reply.text(400, "Cannot read the request: " + e.getMessage());
        } catch (RuntimeException e) {
            System.err.println("[incus-test] the OIDC provider failed on " + method + " " + path + ": " + e);
            return new OAuthException(500, "server_error", "the test OIDC provider failed: " + e.getClass().getSimpleName())
                    .toReply();
        }
    }

    private static HttpCall call(HttpExchange exchange, String method, String path) throws IOException, OAuthException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String body = readBody(exchange.getRequestBody());
        boolean form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM);
        if ("POST".equals(method) && !form) {
            throw OAuthException.invalidRequest("the body must be " + FORM);
        }
        return new HttpCall(method, path, Forms.parse(exchange.getRequestURI().getRawQuery()),
                form ? Forms.parse(body) : Map.of(), exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static String readBody(InputStream in) throws IOException, OAuthException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw OAuthException.invalidRequest("the body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** Stops listening at once and waits (at most 5 s) for the handler threads to end. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("[incus-test] OIDC provider threads still running " + CLOSE_WAIT_SECONDS
                        + " s after close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
