package io.github.incus4j.client;

import static io.github.incus4j.client.FakeWebSocketDaemon.frame;
import static io.github.incus4j.client.FakeWebSocketDaemon.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.client.exception.IncusConnectionException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.Event;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.LoggingEvent;
import io.github.incus4j.client.model.OperationEvent;
import io.github.incus4j.client.model.OtherEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The event stream against a fake daemon: parsing, fragmented messages, and how the stream ends. */
class EventsStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String LIFECYCLE = "{\"type\":\"lifecycle\",\"timestamp\":\"2026-01-02T03:04:05.123456789Z\","
            + "\"project\":\"web\",\"location\":\"none\",\"metadata\":{\"action\":\"instance-started\",\"source\":"
            + "\"/1.0/instances/c1\",\"context\":{\"command\":[\"sh\"]},\"requestor\":{\"username\":\"root\","
            + "\"protocol\":\"unix\",\"address\":\"@\"},\"name\":\"c1\",\"project\":\"web\"}}";
    private static final String OPERATION = "{\"type\":\"operation\",\"timestamp\":\"2026-01-02T03:04:05+01:00\","
            + "\"metadata\":{\"id\":\"op-1\",\"class\":\"task\",\"status\":\"Success\",\"status_code\":200}}";

    @Test
    void eventsAreTypedAndADaemonThatClosesTheStreamIsAnError() throws Exception {
        byte[] lifecycle = LIFECYCLE.getBytes(StandardCharsets.UTF_8);
        int half = lifecycle.length / 2;
        try (FakeWebSocketDaemon daemon = FakeWebSocketDaemon.start("101 Switching Protocols",
                frame(1, false, Arrays.copyOfRange(lifecycle, 0, half)),
                frame(0, true, Arrays.copyOfRange(lifecycle, half, lifecycle.length)),
                frame(9, true, "keepalive".getBytes(StandardCharsets.UTF_8)),
                text(OPERATION),
                text("{\"type\":\"logging\",\"metadata\":{\"level\":\"info\",\"message\":\"hi\",\"context\":{\"a\":\"b\"}}}"),
                text("{\"type\":\"brand-new\",\"metadata\":{\"x\":1}}"));
                IncusClient client = IncusClient.builder().unixSocket(daemon.socket()).build()) {

            StepVerifier.create(client.project("web").events().stream(EventFilter.types("lifecycle", "operation",
                    "logging", "brand-new")))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(LifecycleEvent.class, e -> {
                        assertThat(e.action()).isEqualTo("instance-started");
                        assertThat(e.source()).isEqualTo("/1.0/instances/c1");
                        assertThat(e.name()).isEqualTo("c1");
                        assertThat(e.project()).isEqualTo("web");
                        assertThat(e.requestor()).isEqualTo(new LifecycleEvent.Requestor("root", "unix", "@"));
                        assertThat(e.context()).containsKey("command");
                        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456789Z"));
                    }))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(OperationEvent.class, e -> {
                        assertThat(e.operation().id()).isEqualTo("op-1");
                        assertThat(e.operation().isSuccess()).isTrue();
                        assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-01-02T02:04:05Z"));
                    }))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(LoggingEvent.class,
                            e -> assertThat(e.context()).containsEntry("a", "b")))
                    .assertNext(event -> assertThat(event).isInstanceOfSatisfying(OtherEvent.class,
                            e -> assertThat(e.metadata().get("x")).isEqualTo(1)))
                    .expectErrorSatisfies(error -> assertThat(error)
                            .isInstanceOfSatisfying(IncusConnectionException.class, e -> {
                                assertThat(e.reason()).isEqualTo(IncusConnectionException.Reason.CONNECTION_CLOSED);
                                assertThat(e.getMessage()).contains("closed the event stream", "subscribe again");
                            }))
                    .verify(WAIT);
            assertThat(daemon.requestHeads()).singleElement().asString()
                    .startsWith("GET /1.0/events?type=brand-new%2Clifecycle%2Clogging%2Coperation&project=web HTTP/1.1");
        }
    }

    @Test
    void aSubscriberThatFallsBehindGetsAClearError() throws Exception {
        byte[][] frames = new byte[20][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = text(OPERATION);
        }
        try (FakeWebSocketDaemon daemon = FakeWebSocketDaemon.start("101 Switching Protocols", frames)
                        .holdingConnectionsOpen();
                IncusClient client = IncusClient.builder().unixSocket(daemon.socket()).build()) {
            EventSubscription listener = client.events().connect(EventFilter.all().withBufferSize(4)).block(WAIT);
            // The daemon sends 20 events meanwhile; nobody reads them, so the client gives up the stream.
            assertThat(daemon.awaitClientClosed(WAIT)).as("the client closes the overflowing stream").isTrue();

            StepVerifier.create(listener.events())
                    .expectNextCount(4)
                    .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining(
                            "fell more than 4 events behind", "EventFilter.withBufferSize"))
                    .verify(WAIT);
            assertThat(daemon.requestHeads()).singleElement().asString().startsWith("GET /1.0/events HTTP/1.1");
        }
    }

    @Test
    void closingTheClientEndsItsEventStreams() throws Exception {
        try (FakeWebSocketDaemon daemon = FakeWebSocketDaemon.start("101 Switching Protocols", text(OPERATION))
                .holdingConnectionsOpen()) {
            IncusClient client = IncusClient.builder().unixSocket(daemon.socket()).build();
            EventSubscription listener = client.events().connect(EventFilter.all()).block(WAIT);

            StepVerifier.create(listener.events())
                    .expectNextCount(1)
                    .then(client::close)
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IncusConnectionException.class)
                            .hasMessageContaining("the client was closed"))
                    .verify(WAIT);
        }
    }

    @Test
    void aMessageThatIsNotAnEventIsAProtocolError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventsApi.parse("[1]".getBytes(StandardCharsets.UTF_8),
                "GET /1.0/events")).isInstanceOf(IncusProtocolException.class).hasMessageContaining("not a JSON object");
        Event unknownTime = EventsApi.parse("{\"type\":\"operation\",\"timestamp\":\"yesterday\",\"metadata\":{}}"
                .getBytes(StandardCharsets.UTF_8), "GET /1.0/events");
        assertThat(unknownTime.timestamp()).isNull();
    }
}
