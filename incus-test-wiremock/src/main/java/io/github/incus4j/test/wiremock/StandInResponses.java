package io.github.incus4j.test.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Writes the stand-in's answers. WireMock matches the request to a stub; the stub names an
 * {@link Answer} registered here, and this builds the response at request time: that is what lets
 * an operation start per request, {@code /wait} block as long as the operation still runs, and a
 * stale {@code If-Match} be refused with the daemon's own 412.
 */
final class StandInResponses implements ResponseDefinitionTransformerV2 {

    static final String NAME = "incus-stand-in";
    static final String ANSWER = "answer";

    static final String OPERATION = "operation";
    static final String OPERATION_WAIT = "operation-wait";
    static final String OPERATION_CANCEL = "operation-cancel";
    static final String UNMATCHED = "unmatched";

    /** Longest /wait the stand-in blocks for, whatever timeout was asked (-1 means forever in Incus). */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private static final Pattern OPERATION_PATH = Pattern.compile("/1\\.0/operations/([^/?]+)(?:/wait)?(?:\\?.*)?");

    /**
     * What a stub answers.
     *
     * @param status the HTTP status of a sync or error answer
     * @param body the metadata JSON of a sync answer, or the error text
     * @param operation the operation to start, or {@code null}
     * @param etag the object's ETag: sent with a GET, checked against {@code If-Match} of a write
     */
    record Answer(int status, String body, @Nullable StandInOperation operation, @Nullable String etag) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<StartedOperation> operations = new CopyOnWriteArrayList<>();
    private final AtomicLong keys = new AtomicLong();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    String register(Answer answer) {
        String key = "answer-" + keys.incrementAndGet();
        answers.put(key, answer);
        return key;
    }

    List<StartedOperation> operations() {
        return List.copyOf(operations);
    }

    void reset() {
        answers.clear();
        operations.clear();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        String key = event.getTransformerParameters().getString(ANSWER);
        return switch (key) {
            case OPERATION -> operation(request, false);
            case OPERATION_WAIT -> operation(request, true);
            case OPERATION_CANCEL -> cancel(request);
            case UNMATCHED -> error(404, "not found (the Incus stand-in has no answer for " + describe(request)
                    + "; stub it, for example with incus." + request.getMethod().getName().toLowerCase() + "(\""
                    + path(request) + "\"))");
            default -> answer(answers.get(key), request);
        };
    }

    private ResponseDefinition answer(@Nullable Answer answer, LoggedRequest request) {
        if (answer == null) {
            return error(500, "the stand-in lost the answer of this stub (was it reset while a request was on its way?)");
        }
        String method = request.getMethod().getName();
        if (answer.etag() != null && !method.equals("GET")) {
            String match = request.containsHeader("If-Match") ? request.getHeader("If-Match") : "";
            match = match.replace("\"", "").strip();
            // As Incus: no If-Match means no check; a different one is refused.
            if (!match.isEmpty() && !match.equals(answer.etag())) {
                return error(412, "ETag doesn't match: " + answer.etag() + " vs " + match);
            }
        }
        if (answer.operation() != null) {
            StartedOperation started = new StartedOperation(answer.operation(), describe(request));
            operations.add(started);
            return json(202, Envelopes.async(started.id(), started.json(System.nanoTime())))
                    .withHeader("Location", "/1.0/operations/" + started.id()).build();
        }
        if (answer.status() >= 400) {
            return error(answer.status(), answer.body());
        }
        ResponseDefinitionBuilder response = json(answer.status(), Envelopes.sync(answer.body()));
        if (answer.etag() != null && method.equals("GET")) {
            response.withHeader("ETag", "\"" + answer.etag() + "\"");
        }
        return response.build();
    }

    private ResponseDefinition operation(LoggedRequest request, boolean wait) {
        StartedOperation operation = find(request);
        if (operation == null) {
            return error(404, "Operation not found");
        }
        long now = System.nanoTime();
        long at = now;
        long delay = 0;
        if (wait) {
            long left = operation.nanosUntilFinal(now);
            long timeout = waitTimeout(request);
            delay = left < 0 ? timeout : Math.min(left, timeout);
            at = now + delay;
        }
        StartedOperation.State state = operation.stateAt(at);
        ResponseDefinitionBuilder response = wait && state.failed()
                // Incus 6.0 answers the /wait of a failed operation with HTTP 200 and an error envelope.
                ? json(200, Envelopes.error(state.code() == 401 ? 400 : state.code(), state.error()))
                : json(200, Envelopes.sync(operation.json(at)));
        return response.withFixedDelay((int) Duration.ofNanos(delay).toMillis()).build();
    }

    private ResponseDefinition cancel(LoggedRequest request) {
        StartedOperation operation = find(request);
        if (operation == null) {
            return error(404, "Operation not found");
        }
        if (!operation.cancel(System.nanoTime())) {
            return error(400, "Only running operations can be cancelled");
        }
        return json(200, Envelopes.sync("{}")).build();
    }

    private @Nullable StartedOperation find(LoggedRequest request) {
        Matcher matcher = OPERATION_PATH.matcher(request.getUrl());
        if (!matcher.matches()) {
            return null;
        }
        String id = matcher.group(1);
        return operations.stream().filter(operation -> operation.id().equals(id)).findFirst().orElse(null);
    }

    private static long waitTimeout(LoggedRequest request) {
        QueryParameter timeout = request.queryParameter("timeout");
        long longest = LONGEST_WAIT.toNanos();
        if (timeout == null || !timeout.isPresent()) {
            return longest;
        }
        try {
            long seconds = Long.parseLong(timeout.firstValue());
            return seconds < 0 ? longest : Math.min(longest, Duration.ofSeconds(seconds).toNanos());
        } catch (NumberFormatException e) {
            return longest;
        }
    }

    private static ResponseDefinition error(int status, String message) {
        return json(status, Envelopes.error(status, message)).build();
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String describe(LoggedRequest request) {
        return request.getMethod().getName() + " " + request.getUrl();
    }

    private static String path(LoggedRequest request) {
        String url = request.getUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }
}
