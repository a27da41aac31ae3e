package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request to create an instance ({@code POST /1.0/instances}).
 *
 * <pre>{@code
 * InstancesPost request = InstancesPost.builder("web1")
 *         .source(InstanceSource.image("busybox"))
 *         .config("limits.memory", "256MiB")
 *         .start(true)
 *         .build();
 * }</pre>
 *
 * @param name the new instance's name
 * @param type {@code container} (default) or {@code virtual-machine}
 * @param source where the instance comes from
 * @param config its configuration
 * @param devices its devices
 * @param profiles the profiles to apply; {@code null} applies the {@code default} profile
 * @param ephemeral whether it is deleted when it stops
 * @param description a free-form description
 * @param start whether to start it once created
 * @param instanceType a cloud instance type, such as {@code t2.micro}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InstancesPost(
        String name,
        String type,
        InstanceSource source,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        @Nullable List<String> profiles,
        boolean ephemeral,
        String description,
        boolean start,
        @Nullable String instanceType) {

    /**
     * Normalises missing fields.
     *
     * @param name the new instance's name
     * @param type {@code container} (default) or {@code virtual-machine}
     * @param source where the instance comes from
     * @param config its configuration
     * @param devices its devices
     * @param profiles the profiles to apply; {@code null} applies the {@code default} profile
     * @param ephemeral whether it is deleted when it stops
     * @param description a free-form description
     * @param start whether to start it once created
     * @param instanceType a cloud instance type, such as {@code t2.micro}
     */
    public InstancesPost {
        name = Wire.text(name);
        type = type == null || type.isEmpty() ? "container" : type;
        Objects.requireNonNull(source, "source");
        config = Wire.map(config);
        devices = Wire.map(devices);
        description = Wire.text(description);
    }

    /**
     * Starts a builder for an instance with the given name.
     *
     * @param name the instance name
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link InstancesPost}. */
    public static final class Builder {
        private final String name;
        private String type = "container";
        private InstanceSource source = InstanceSource.none();
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> devices = new LinkedHashMap<>();
        private @Nullable List<String> profiles;
        private boolean ephemeral;
        private String description = "";
        private boolean start;
        private @Nullable String instanceType;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * Sets the instance type.
         *
         * @param type {@code container} or {@code virtual-machine}
         * @return this builder
         */
        public Builder type(String type) {
            this.type = type;
            return this;
        }

        /**
         * Sets where the instance comes from.
         *
         * @param source the source, such as {@link InstanceSource#image(String)}
         * @return this builder
         */
        public Builder source(InstanceSource source) {
            this.source = source;
            return this;
        }

        /**
         * Uses a local image by alias; shorthand for {@code source(InstanceSource.image(alias))}.
         *
         * @param alias the image alias
         * @return this builder
         */
        public Builder image(String alias) {
            return source(InstanceSource.image(alias));
        }

        /**
         * Sets one configuration key.
         *
         * @param key the key, such as {@code limits.cpu}
         * @param value its value
         * @return this builder
         */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Adds a device.
         *
         * @param deviceName the device name, such as {@code eth0}
         * @param properties its properties, including {@code type}
         * @return this builder
         */
        public Builder device(String deviceName, Map<String, String> properties) {
            devices.put(deviceName, Map.copyOf(properties));
            return this;
        }

        /**
         * Sets the profiles to apply, in order.
         *
         * @param profileNames the profile names
         * @return this builder
         */
        public Builder profiles(List<String> profileNames) {
            this.profiles = List.copyOf(profileNames);
            return this;
        }

        /**
         * Makes the instance ephemeral: deleted when it stops.
         *
         * @param value whether it is ephemeral
         * @return this builder
         */
        public Builder ephemeral(boolean value) {
            this.ephemeral = value;
            return this;
        }

        /**
         * Sets the description.
         *
         * @param value the description
         * @return this builder
         */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /**
         * Starts the instance once it is created.
         *
         * @param value whether to start it
         * @return this builder
         */
        public Builder start(boolean value) {
            this.start = value;
            return this;
        }

        /**
         * Sets a cloud instance type.
         *
         * @param value the instance type, such as {@code c2.micro}
         * @return this builder
         */
        public Builder instanceType(String value) {
            this.instanceType = value;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         */
        public InstancesPost build() {
            return new InstancesPost(name, type, source, config, devices, profiles, ephemeral, description, start,
                    instanceType);
        }
    }
}
