package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Event;
import io.github.incus4j.client.model.LifecycleEvent;
import io.github.incus4j.client.model.LoggingEvent;
import io.github.incus4j.client.model.OperationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Listens to one client's event stream while the application runs and publishes every event as an
 * {@link IncusApplicationEvent}; started and stopped with the application context.
 *
 * <p><b>Reconnecting.</b> When the daemon closes the stream (it restarts, or drops a listener) or
 * cannot be reached, the stream connects again after a delay that doubles from
 * {@code incus.events.reconnect.initial-delay} up to {@code max-delay}, each taken at random
 * between half of it and all of it, for as long as the application runs. One warning is logged
 * when an outage begins and one line at INFO when the stream is back (with how long it was down);
 * the attempts in between are logged at DEBUG. Events of the outage are never received.
 *
 * <p><b>Buffer.</b> Received events wait for the listeners in a buffer of
 * {@code incus.events.buffer-size}; when it is full the oldest waiting event is dropped and
 * counted, so that slow listeners lose old events rather than hold the daemon's stream (which
 * would make the daemon drop the listener) or exhaust memory. Listeners run on one thread of the
 * stream's own, one event at a time, in order.
 *
 * <p>{@link #state()} tells how the stream is doing, for the {@code incusEvents} health and the
 * {@code incus.events.*} metrics. Stopping cancels the stream, lets a listener that is running
 * finish (up to {@value #STOP_WAIT_SECONDS} seconds) and ends the thread; events still waiting are
 * not published.
 */
public final class IncusEventStream implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(IncusEventStream.class);
    private static final long STOP_WAIT_SECONDS = 10;

    /** Where the stream stands. */
    public enum Status {
        /** Not listening: before the application started or after it stopped. */
        STOPPED,
        /** Connecting for the first time. */
        CONNECTING,
        /** Listening: the daemon accepted the stream. */
        CONNECTED,
        /** The stream was lost or never connected; waiting to try again. */
        RECONNECTING
    }

    /**
     * How the stream is doing.
     *
     * @param client the listening client's name
     * @param status where the stream stands
     * @param since when it entered that status
     * @param lastEvent when the last event was received, or {@code null} if none was
     * @param received events received since the application started
     * @param dropped events dropped because the buffer was full
     * @param reconnects how many times the stream connected again after losing its connection
     * @param lastError why the stream is reconnecting, or {@code null} while connected
     */
    public record State(String client, Status status, Instant since, @Nullable Instant lastEvent, long received,
            long dropped, long reconnects, @Nullable String lastError) {
    }

    private final IncusClient client;
    private final String clientName;
    private final EventFilter filter;
    private final int bufferSize;
    private final ReconnectBackoff backoff;
    private final ApplicationEventPublisher publisher;

    private final Object lifecycle = new Object();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicReference<@Nullable Thread> listenerThread = new AtomicReference<>();
    private volatile Status status = Status.STOPPED;
    private volatile Instant since = Instant.now();
    private volatile @Nullable Instant lastEvent;
    private volatile @Nullable String lastError;
    private volatile @Nullable Instant outageSince;
    private volatile boolean everConnected;
    private volatile long lastDropWarning;
    private volatile boolean stopping;
    private @Nullable Disposable subscription;
    private @Nullable ExecutorService listeners;

    /**
     * Creates the stream; nothing is connected before {@link #start()}.
     *
     * @param client the client that listens, scoped to the project to listen to
     * @param clientName the client's name, for logs, the health and the metrics
     * @param filter the event types and projects
     * @param bufferSize how many events may wait for the listeners
     * @param initialDelay the first delay before reconnecting
     * @param maxDelay the longest delay before reconnecting
     * @param publisher where the events are published
     */
    public IncusEventStream(IncusClient client, String clientName, EventFilter filter, int bufferSize,
            Duration initialDelay, Duration maxDelay, ApplicationEventPublisher publisher) {
        if (bufferSize <= 0) {
            throw new IllegalArgumentException("bufferSize must be positive, got " + bufferSize);
        }
        this.client = client;
        this.clientName = clientName;
        this.filter = filter;
        this.bufferSize = bufferSize;
        this.backoff = new ReconnectBackoff(initialDelay, maxDelay);
        this.publisher = publisher;
    }

    /**
     * Returns how the stream is doing.
     *
     * @return a snapshot
     */
    public State state() {
        return new State(clientName, status, since, lastEvent, received.get(), dropped.get(), reconnects.get(),
                lastError);
    }

    /**
     * Returns the listening client's name.
     *
     * @return {@code default} for the unnamed client, else its NAME
     */
    public String clientName() {
        return clientName;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (subscription != null) {
                return;
            }
            stopping = false;
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "incus-events-" + clientName);
                thread.setDaemon(true);
                listenerThread.set(thread);
                return thread;
            });
            // A plain thread, not one of Reactor's: listeners may block (.block() on the client).
            Scheduler listenerScheduler = Schedulers.fromExecutorService(executor, "incus-events-" + clientName);
            listeners = executor;
            enter(Status.CONNECTING);
            subscription = Flux.defer(this::listen)
                    .retryWhen(Retry.from(failures -> failures.concatMap(failure -> retryAfter(failure.failure()))))
                    .onBackpressureBuffer(bufferSize, this::dropped, BufferOverflowStrategy.DROP_OLDEST)
                    .publishOn(listenerScheduler, 1)
                    .subscribe(this::publish, this::ended);
        }
    }

    @Override
    public void stop() {
        ExecutorService executor;
        synchronized (lifecycle) {
            if (subscription == null) {
                return;
            }
            stopping = true;
            subscription.dispose();
            subscription = null;
            executor = listeners;
            listeners = null;
            enter(Status.STOPPED);
        }
        if (executor != null) {
            executor.shutdown();
            if (Thread.currentThread() != listenerThread.get()) {
                awaitTermination(executor);
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lifecycle) {
            return subscription != null;
        }
    }

    /** One connection: its events until the daemon closes it, which is always an error for this stream. */
    private Flux<Event> listen() {
        return client.events().connect(filter)
                .flatMapMany(connected -> {
                    connected();
                    return connected.events();
                })
                .doOnNext(event -> {
                    received.incrementAndGet();
                    lastEvent = Instant.now();
                });
    }

    private void connected() {
        backoff.reset();
        lastError = null;
        Instant outage = outageSince;
        if (outage != null) {
            reconnects.incrementAndGet();
            outageSince = null;
            logger.info("The Incus event stream of client '" + clientName + "' is connected again after "
                    + seconds(Duration.between(outage, Instant.now())) + "; events of that time were not received, "
                    + "so re-read the state you track");
        } else if (!everConnected) {
            logger.info("Publishing the Incus events " + new TreeSet<>(filter.types()) + " of client '" + clientName
                    + "' (" + (filter.allProjects() ? "all projects" : "project " + project())
                    + ") as application events");
        }
        everConnected = true;
        enter(Status.CONNECTED);
    }

    /** After a failure: the delay before the next attempt, or the end when stopping. Logs once per outage. */
    private Mono<Long> retryAfter(Throwable failure) {
        if (stopping || client.isClosed()) {
            return Mono.error(failure);
        }
        Duration delay = backoff.next();
        lastError = describe(failure);
        if (outageSince == null) {
            outageSince = Instant.now();
            enter(Status.RECONNECTING);
            logger.warn((everConnected ? "The Incus event stream of client '" + clientName + "' was lost"
                    : "The Incus event stream of client '" + clientName + "' cannot connect") + " (" + lastError
                    + "); trying again every " + seconds(backoff.initialDelay()) + " to " + seconds(backoff.maxDelay())
                    + " until it is back, which will be logged; events meanwhile are not received");
        } else if (logger.isDebugEnabled()) {
            logger.debug("The Incus event stream of client '" + clientName + "' is still not back after attempt "
                    + (backoff.attempts() - 1) + " (" + lastError + "); next attempt in " + seconds(delay));
        }
        return Mono.delay(delay);
    }

    private void dropped(Event event) {
        long count = dropped.incrementAndGet();
        long now = System.nanoTime();
        // One warning a minute at most: a slow listener would otherwise log for every event.
        if (count == 1 || now - lastDropWarning > TimeUnit.MINUTES.toNanos(1)) {
            lastDropWarning = now;
            logger.warn("The listeners of Incus events of client '" + clientName + "' fall behind: "
                    + bufferSize + " events wait, so the oldest are dropped (" + count + " so far); make the "
                    + "listeners faster or raise incus.events.buffer-size");
        }
    }

    private void publish(Event event) {
        IncusApplicationEvent published;
        if (event instanceof LifecycleEvent lifecycleEvent) {
            published = new IncusLifecycleApplicationEvent(client, clientName, lifecycleEvent);
        } else if (event instanceof OperationEvent operation) {
            published = new IncusOperationApplicationEvent(client, clientName, operation);
        } else if (event instanceof LoggingEvent logging) {
            published = new IncusLoggingApplicationEvent(client, clientName, logging);
        } else {
            logger.debug("Not published: an Incus event of type '" + event.type() + "' this starter does not know");
            return;
        }
        try {
            publisher.publishEvent(published);
        } catch (RuntimeException e) {
            // The stream must outlive a listener's bug; the next event is published as usual.
            logger.warn("An application listener failed on " + published + ": " + e, e);
        }
    }

    /** The whole stream ended: only when stopping or when the client was closed under it. */
    private void ended(Throwable failure) {
        if (!stopping) {
            logger.info("The Incus event stream of client '" + clientName + "' ended: its client was closed ("
                    + describe(failure) + ")");
            enter(Status.STOPPED);
        }
    }

    private void enter(Status next) {
        status = next;
        since = Instant.now();
    }

    private String project() {
        String project = client.currentProject();
        return project != null ? project : "default";
    }

    private void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                logger.warn("An application listener of Incus events of client '" + clientName + "' was still "
                        + "running " + STOP_WAIT_SECONDS + " s after the application began to stop; it was "
                        + "interrupted");
            }
            // The executor counts as terminated a moment before its thread has ended.
            Thread thread = listenerThread.get();
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message != null ? ": " + message : "");
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    @Override
    public String toString() {
        return "IncusEventStream[client=" + clientName + ", types=" + new TreeSet<>(filter.types()) + ", status="
                + status + "]";
    }
}
