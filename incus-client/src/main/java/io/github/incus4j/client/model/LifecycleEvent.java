package io.github.incus4j.client.model;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An audit event: something was created, changed, started, deleted ({@code type: lifecycle}).
 *
 * @param timestamp when it happened
 * @param project the project of the envelope
 * @param location the cluster member
 * @param metadata the raw payload
 * @param action what happened, such as {@code instance-created} or {@code instance-started}
 * @param source the object acted upon, such as {@code /1.0/instances/c1}
 * @param context details that depend on the action
 * @param requestor who asked for it, or {@code null} for the daemon's own actions
 * @param name the name of the object (API extension {@code event_lifecycle_name_and_project})
 */
public record LifecycleEvent(@Nullable Instant timestamp, String project, String location, Map<String, Object> metadata,
        String action, String source, Map<String, Object> context, @Nullable Requestor requestor, String name)
        implements Event {

    /**
     * Normalises missing fields.
     *
     * @param timestamp when it happened
     * @param project the project of the envelope
     * @param location the cluster member
     * @param metadata the raw payload
     * @param action what happened, such as {@code instance-created} or {@code instance-started}
     * @param source the object acted upon, such as {@code /1.0/instances/c1}
     * @param context details that depend on the action
     * @param requestor who asked for it, or {@code null} for the daemon's own actions
     * @param name the name of the object (API extension {@code event_lifecycle_name_and_project})
     */
    public LifecycleEvent {
        project = Wire.text(project);
        location = Wire.text(location);
        action = Wire.text(action);
        source = Wire.text(source);
        context = Wire.map(context);
        name = Wire.text(name);
    }

    @Override
    public String type() {
        return "lifecycle";
    }

    /**
     * Who caused a lifecycle event.
     *
     * @param username the user name (or certificate fingerprint)
     * @param protocol {@code unix}, {@code tls}, {@code oidc}, ...
     * @param address the client's address
     */
    public record Requestor(String username, String protocol, String address) {

        /**
         * Normalises missing fields.
         *
         * @param username the user name (or certificate fingerprint)
         * @param protocol {@code unix}, {@code tls}, {@code oidc}, ...
         * @param address the client's address
         */
        public Requestor {
            username = Wire.text(username);
            protocol = Wire.text(protocol);
            address = Wire.text(address);
        }
    }
}
