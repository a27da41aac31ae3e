package io.github.incus4j.spring.autoconfigure.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Incus event stream published as Spring application events, prefix
 * {@code incus.events}.
 *
 * <p>Off unless {@code incus.events.enabled=true}. Then one client listens to the daemon's
 * {@code /1.0/events} and every event becomes an {@link IncusApplicationEvent} that
 * {@code @EventListener} methods receive, in the order the daemon sent them.
 */
@ConfigurationProperties("incus.events")
public class IncusEventsProperties {

    /**
     * Whether to publish the daemon's events as Spring application events
     * (IncusLifecycleApplicationEvent, IncusOperationApplicationEvent, IncusLoggingApplicationEvent).
     */
    private boolean enabled = false;

    /**
     * Event types to receive: lifecycle, operation and/or logging (logging events need a client the
     * daemon trusts without restriction).
     */
    private List<String> types = new ArrayList<>(List.of("lifecycle"));

    /**
     * Whether to receive the events of every project rather than those of the client's project (or
     * of incus.events.project).
     */
    private boolean allProjects = false;

    /**
     * Project whose events to receive, if not the listening client's own project.
     */
    private @Nullable String project;

    /**
     * Name of the named client (incus.clients.NAME) that listens; if unset, the unnamed client, or
     * the only client there is.
     */
    private @Nullable String client;

    /**
     * Largest number of received events waiting for the listeners; when it is full the oldest
     * waiting event is dropped and counted (incus.events.dropped, and the incusEvents health).
     */
    private int bufferSize = 1024;

    private final Reconnect reconnect = new Reconnect();

    /**
     * Returns whether the events are published.
     *
     * @return whether they are published
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the events are published.
     *
     * @param enabled whether to publish them
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the event types to receive.
     *
     * @return the types, such as {@code lifecycle}
     */
    public List<String> getTypes() {
        return types;
    }

    /**
     * Sets the event types to receive.
     *
     * @param types {@code lifecycle}, {@code operation} and/or {@code logging}
     */
    public void setTypes(List<String> types) {
        this.types = types;
    }

    /**
     * Returns whether the events of every project are received.
     *
     * @return whether all projects are listened to
     */
    public boolean isAllProjects() {
        return allProjects;
    }

    /**
     * Sets whether the events of every project are received.
     *
     * @param allProjects whether to listen to all projects
     */
    public void setAllProjects(boolean allProjects) {
        this.allProjects = allProjects;
    }

    /**
     * Returns the project whose events are received.
     *
     * @return the project, or {@code null} for the client's
     */
    public @Nullable String getProject() {
        return project;
    }

    /**
     * Sets the project whose events are received.
     *
     * @param project the project, or {@code null} for the client's
     */
    public void setProject(@Nullable String project) {
        this.project = project;
    }

    /**
     * Returns the name of the client that listens.
     *
     * @return the name, or {@code null} for the unnamed or only client
     */
    public @Nullable String getClient() {
        return client;
    }

    /**
     * Sets the name of the client that listens.
     *
     * @param client the NAME of {@code incus.clients.NAME}, or {@code null}
     */
    public void setClient(@Nullable String client) {
        this.client = client;
    }

    /**
     * Returns how many events may wait for the listeners.
     *
     * @return the buffer size
     */
    public int getBufferSize() {
        return bufferSize;
    }

    /**
     * Sets how many events may wait for the listeners.
     *
     * @param bufferSize a positive number of events
     */
    public void setBufferSize(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    /**
     * Returns how the stream reconnects.
     *
     * @return the reconnection settings
     */
    public Reconnect getReconnect() {
        return reconnect;
    }

    /**
     * How the stream reconnects when the daemon closes it (a restart, a listener it dropped) or
     * cannot be reached.
     */
    public static class Reconnect {

        /**
         * Delay before the first attempt to reconnect; it doubles after each failed attempt, and
         * each delay is taken at random between half of it and all of it.
         */
        private Duration initialDelay = Duration.ofSeconds(1);

        /**
         * Longest delay between two attempts to reconnect.
         */
        private Duration maxDelay = Duration.ofSeconds(30);

        /**
         * Returns the delay before the first attempt to reconnect.
         *
         * @return the delay
         */
        public Duration getInitialDelay() {
            return initialDelay;
        }

        /**
         * Sets the delay before the first attempt to reconnect.
         *
         * @param initialDelay a positive duration
         */
        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        /**
         * Returns the longest delay between attempts to reconnect.
         *
         * @return the delay
         */
        public Duration getMaxDelay() {
            return maxDelay;
        }

        /**
         * Sets the longest delay between attempts to reconnect.
         *
         * @param maxDelay a duration no shorter than the initial delay
         */
        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }
}
