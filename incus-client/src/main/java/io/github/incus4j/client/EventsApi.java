package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusJson;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import io.github.incus4j.client.internal.protocol.WebSocketConnector;
import io.github.incus4j.client.model.Event;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.LoggingEvent;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.client.model.OperationEvent;
import io.github.incus4j.client.model.OtherEvent;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The daemon's event stream: {@code /1.0/events} over a websocket.
 *
 * <pre>{@code
 * client.events().stream(EventFilter.types(EventFilter.LIFECYCLE))
 *         .ofType(LifecycleEvent.class)
 *         .subscribe(event -> log.info("{} {}", event.action(), event.source()));
 * }</pre>
 *
 * <p>The daemon sends each listener the events in the order they happened and drops a listener
 * that falls behind rather than skip events; the client then fails the stream with an
 * {@link IncusConnectionException} that says so. Reconnecting is the caller's choice (for example
 * {@code retryWhen(Retry.backoff(...))}); events missed meanwhile are not sent again.
 */
public final class EventsApi {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final IncusHttp http;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    EventsApi(Calls calls) {
        this.http = calls.http();
    }

    /**
     * Streams every event type of the client's project; see {@link #stream(EventFilter)}.
     *
     * @return the events
     */
    public Flux<Event> stream() {
        return stream(EventFilter.all());
    }

    /**
     * Connects a listener and streams its events; nothing is connected until subscribed, so
     * events that happen before the daemon accepted the listener are not received. Use
     * {@link #connect} to act only once listening.
     *
     * @param filter the event types, projects and buffer size
     * @return the events; see {@link EventSubscription#events()} for how the stream ends
     */
    @Endpoint(method = "GET", path = "/1.0/events")
    public Flux<Event> stream(EventFilter filter) {
        return connect(filter).flatMapMany(EventSubscription::events);
    }

    /**
     * Connects a listener for every event type of the client's project; see {@link #connect(EventFilter)}.
     *
     * @return the connected listener
     */
    public Mono<EventSubscription> connect() {
        return connect(EventFilter.all());
    }

    /**
     * Connects a listener and completes once the daemon has accepted it.
     *
     * @param filter the event types, projects and buffer size
     * @return the connected listener; an {@link io.github.incus4j.client.exception.IncusApiException} if the
     *     daemon refused (unknown event type or project: 400/404; logging events for an
     *     unprivileged client: 403)
     */
    @Endpoint(method = "GET", path = "/1.0/events")
    public Mono<EventSubscription> connect(EventFilter filter) {
        Names.required("filter", filter);
        return Mono.create(sink -> {
            Sinks.Many<Event> queue = Sinks.many().unicast().onBackpressureBuffer(
                    new ArrayBlockingQueue<>(filter.bufferSize()));
            Disposable.Swap connection = Disposables.swap();
            EventSubscription subscription = new EventSubscription(queue.asFlux(), () -> {
                connection.dispose();
                queue.tryEmitComplete();
            });
            connection.update(listen(filter, () -> sink.success(subscription)).subscribe(
                    event -> {
                        if (queue.tryEmitNext(event).isFailure()) {
                            queue.tryEmitError(fellBehind(filter));
                            connection.dispose();
                        }
                    },
                    failure -> {
                        queue.tryEmitError(failure);
                        sink.error(failure);
                    },
                    queue::tryEmitComplete));
            sink.onCancel(connection);
        });
    }

    /** The websocket itself: events until the daemon closes it, which is always an error for a stream without end. */
    private Flux<Event> listen(EventFilter filter, Runnable onConnected) {
        IncusRequest.Builder request = IncusRequest.get("/1.0/events");
        if (!filter.types().isEmpty()) {
            request.query("type", String.join(",", new TreeSet<>(filter.types())));
        }
        if (filter.allProjects()) {
            request.query("all-projects", "true");
        }
        IncusRequest upgrade = request.build();
        String where = http.endpoint().describe();
        return http.observations().session("events", http.websocket(upgrade, true, (in, out) -> {
            onConnected.run();
            return in.aggregateFrames(WebSocketConnector.MAX_FRAME_PAYLOAD).receiveFrames()
                    .takeUntil(CloseWebSocketFrame.class::isInstance)
                    .<Event>handle((frame, events) -> {
                        Event event = frame instanceof CloseWebSocketFrame ? null : parse(frame, upgrade);
                        if (event != null) {
                            events.next(event);
                        }
                    })
                    .concatWith(Mono.error(() -> new IncusConnectionException(
                            IncusConnectionException.Reason.CONNECTION_CLOSED, where, "the daemon at " + where
                            + " closed the event stream (" + upgrade.describe() + "). It drops listeners that do "
                            + "not keep up with its events, and closes all of them when it shuts down; events "
                            + "sent meanwhile are lost: subscribe again and re-read the state you track", null)));
        }));
    }

    private static IncusException fellBehind(EventFilter filter) {
        return new IncusException("the subscriber of the event stream fell more than " + filter.bufferSize()
                + " events behind, so the client stopped listening (the daemon would have dropped the listener "
                + "too); consume events faster, or raise EventFilter.withBufferSize(...)");
    }

    /**
     * Parses one event message.
     *
     * @param frame a text (or binary) frame with the event's JSON
     * @param request the events request, for messages
     * @return the event, or {@code null} for frames without an event
     */
    static @Nullable Event parse(WebSocketFrame frame, IncusRequest request) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return null;
        }
        byte[] json = ByteBufUtil.getBytes(frame.content());
        if (json.length == 0) {
            return null;
        }
        return parse(json, request.describe());
    }

    /**
     * Parses one event's JSON.
     *
     * @param json the message
     * @param source the request, for messages
     * @return the typed event
     * @throws IncusProtocolException if the message is not an event
     */
    static Event parse(byte[] json, String source) {
        try {
            JsonNode node = IncusJson.mapper().readTree(json);
            if (node == null || !node.isObject()) {
                throw new IncusProtocolException(0, source + ": an event message is not a JSON object", null);
            }
            String type = node.path("type").asString("");
            Instant timestamp = timestamp(node.path("timestamp").asString(""));
            String project = node.path("project").asString("");
            String location = node.path("location").asString("");
            JsonNode metadata = node.has("metadata") ? node.get("metadata") : NullNode.getInstance();
            Map<String, Object> raw = metadata.isObject()
                    ? Collections.unmodifiableMap(IncusJson.mapper().convertValue(metadata, OBJECT_MAP)) : Map.of();
            return switch (type) {
                case "lifecycle" -> new LifecycleEvent(timestamp, project, location, raw,
                        metadata.path("action").asString(""), metadata.path("source").asString(""),
                        metadata.hasNonNull("context") ? IncusJson.mapper().convertValue(metadata.get("context"),
                                OBJECT_MAP) : Map.of(),
                        metadata.hasNonNull("requestor") ? IncusJson.mapper().treeToValue(metadata.get("requestor"),
                                LifecycleEvent.Requestor.class) : null,
                        metadata.path("name").asString(""));
                case "operation" -> new OperationEvent(timestamp, project, location, raw,
                        IncusJson.mapper().treeToValue(metadata, Operation.class));
                case "logging", "network-acl" -> new LoggingEvent(type, timestamp, project, location, raw,
                        metadata.path("level").asString(""), metadata.path("message").asString(""),
                        metadata.hasNonNull("context") ? IncusJson.mapper().convertValue(metadata.get("context"),
                                STRING_MAP) : Map.of());
                default -> new OtherEvent(type, timestamp, project, location, raw);
            };
        } catch (JacksonException e) {
            throw new IncusProtocolException(0, source + ": an event message is not valid: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static @Nullable Instant timestamp(String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
