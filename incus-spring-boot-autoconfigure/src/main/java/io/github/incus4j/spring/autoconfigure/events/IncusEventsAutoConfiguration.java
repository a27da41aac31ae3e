package io.github.incus4j.spring.autoconfigure.events;

import io.github.incus4j.client.EventFilter;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.IncusAutoConfiguration;
import io.github.incus4j.spring.autoconfigure.IncusClients;
import io.github.incus4j.spring.autoconfigure.IncusConfigurationException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.util.StringUtils;

/**
 * Publishes the daemon's events as Spring application events when {@code incus.events.enabled=true}:
 * an {@link IncusEventStream} listens through one client (the unnamed one, the only one, or
 * {@code incus.events.client}) and publishes {@link IncusLifecycleApplicationEvent}s,
 * {@link IncusOperationApplicationEvent}s and {@link IncusLoggingApplicationEvent}s for the types
 * of {@code incus.events.types}. Settings that cannot work stop the application at start-up with
 * the property and the fix; an unreachable daemon does not (the stream keeps trying).
 */
@AutoConfiguration(after = IncusAutoConfiguration.class)
@ConditionalOnClass(IncusClient.class)
@ConditionalOnBooleanProperty("incus.events.enabled")
@ConditionalOnBean(IncusClient.class)
@EnableConfigurationProperties(IncusEventsProperties.class)
public final class IncusEventsAutoConfiguration {

    private static final List<String> TYPES = List.of(EventFilter.LIFECYCLE, EventFilter.OPERATION,
            EventFilter.LOGGING);

    IncusEventsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    IncusEventStream incusEventStream(IncusEventsProperties properties, ObjectProvider<IncusClient> clients,
            ObjectProvider<IncusClients> namedClients, ApplicationEventPublisher publisher) {
        Set<String> types = types(properties.getTypes());
        String project = properties.getProject();
        if (properties.isAllProjects() && StringUtils.hasText(project)) {
            throw new IncusConfigurationException("incus.events.project", "incus.events.project (" + project + ") and "
                    + "incus.events.all-projects=true both choose whose events to receive.", "Remove one of them.",
                    null);
        }
        if (properties.getBufferSize() <= 0) {
            throw new IncusConfigurationException("incus.events.buffer-size", "Invalid incus.events.buffer-size: it "
                    + "must be positive, got " + properties.getBufferSize() + ".", "Set incus.events.buffer-size to "
                    + "the number of events that may wait for the listeners, such as 1024.", null);
        }
        Duration initial = positive(properties.getReconnect().getInitialDelay(), "incus.events.reconnect.initial-delay",
                "1s");
        Duration max = positive(properties.getReconnect().getMaxDelay(), "incus.events.reconnect.max-delay", "30s");
        if (max.compareTo(initial) < 0) {
            throw new IncusConfigurationException("incus.events.reconnect.max-delay",
                    "incus.events.reconnect.max-delay (" + max + ") is shorter than "
                    + "incus.events.reconnect.initial-delay (" + initial + ").",
                    "Set max-delay to at least the initial delay, such as 30s.", null);
        }
        IncusClients registry = namedClients.getIfAvailable();
        String clientName = properties.getClient();
        IncusClient client;
        if (StringUtils.hasText(clientName)) {
            if (registry == null || registry.find(clientName).isEmpty()) {
                throw new IncusConfigurationException("incus.events.client", "incus.events.client names '" + clientName
                        + "', but there is no incus.clients." + clientName + ".", "Set incus.events.client to one of "
                        + (registry != null ? registry.names() : Set.of()) + ", or remove it to listen through the "
                        + "unnamed client.", null);
            }
            client = registry.get(clientName);
        } else {
            client = clients.getIfUnique();
            if (client == null) {
                throw new IncusConfigurationException("incus.events.client", "There are several Incus clients and "
                        + "none is primary, so incus.events.client must say which one listens to the events.",
                        "Set incus.events.client to one of " + (registry != null ? registry.names() : Set.of()) + ".",
                        null);
            }
            clientName = nameOf(client, registry);
        }
        IncusClient listening = StringUtils.hasText(project) ? client.project(project.strip()) : client;
        EventFilter filter = new EventFilter(types, properties.isAllProjects(), properties.getBufferSize());
        return new IncusEventStream(listening, clientName, filter, properties.getBufferSize(), initial, max,
                publisher);
    }

    private static Set<String> types(List<String> configured) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : configured) {
            String normalized = type == null ? "" : type.strip().toLowerCase(java.util.Locale.ROOT);
            if (!TYPES.contains(normalized)) {
                throw new IncusConfigurationException("incus.events.types", "Invalid incus.events.types: '" + type
                        + "' is not an event type this starter publishes.", "Set incus.events.types to some of "
                        + TYPES + ".", null);
            }
            types.add(normalized);
        }
        if (types.isEmpty()) {
            throw new IncusConfigurationException("incus.events.types", "incus.events.types is empty: no event would "
                    + "be received.", "Set incus.events.types to some of " + TYPES + ", or incus.events.enabled=false.",
                    null);
        }
        return types;
    }

    private static Duration positive(@Nullable Duration delay, String property, String example) {
        if (delay == null || delay.isNegative() || delay.isZero()) {
            throw new IncusConfigurationException(property, "Invalid " + property + ": it must be a positive "
                    + "duration, got " + delay + ".", "Set " + property + " to a duration such as " + example + ".",
                    null);
        }
        return delay;
    }

    /** The client's name in the registry of named clients, else {@code default}. */
    private static String nameOf(IncusClient client, @Nullable IncusClients registry) {
        if (registry != null) {
            for (Map.Entry<String, IncusClient> named : registry.asMap().entrySet()) {
                if (named.getValue() == client) {
                    return named.getKey();
                }
            }
        }
        return "default";
    }
}
