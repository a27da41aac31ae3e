package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An instance: a container or a virtual machine ({@code GET /1.0/instances/{name}}).
 *
 * @param name the instance name
 * @param type {@code container} or {@code virtual-machine}
 * @param status the status text, such as {@code Running}; compare {@link #statusCode()} instead
 * @param statusCode the status code ({@link StatusCode#RUNNING}, {@link StatusCode#STOPPED}, ...)
 * @param architecture the architecture, such as {@code x86_64}
 * @param config the instance's own configuration
 * @param devices the instance's own devices
 * @param ephemeral whether the instance is deleted when it stops
 * @param profiles the profiles applied, in order
 * @param stateful whether the instance has stateful snapshots
 * @param description a free-form description
 * @param createdAt when it was created
 * @param lastUsedAt when it was last started
 * @param expandedConfig the configuration with the profiles applied
 * @param expandedDevices the devices with the profiles applied
 * @param location the cluster member it lives on ({@code none} on a standalone server)
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Instance(
        String name,
        String type,
        String status,
        int statusCode,
        String architecture,
        Map<String, String> config,
        Map<String, Map<String, String>> devices,
        boolean ephemeral,
        List<String> profiles,
        boolean stateful,
        String description,
        @Nullable Instant createdAt,
        @Nullable Instant lastUsedAt,
        Map<String, String> expandedConfig,
        Map<String, Map<String, String>> expandedDevices,
        String location,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the instance name
     * @param type {@code container} or {@code virtual-machine}
     * @param status the status text, such as {@code Running}; compare {@link #statusCode()} instead
     * @param statusCode the status code ({@link StatusCode#RUNNING}, {@link StatusCode#STOPPED}, ...)
     * @param architecture the architecture, such as {@code x86_64}
     * @param config the instance's own configuration
     * @param devices the instance's own devices
     * @param ephemeral whether the instance is deleted when it stops
     * @param profiles the profiles applied, in order
     * @param stateful whether the instance has stateful snapshots
     * @param description a free-form description
     * @param createdAt when it was created
     * @param lastUsedAt when it was last started
     * @param expandedConfig the configuration with the profiles applied
     * @param expandedDevices the devices with the profiles applied
     * @param location the cluster member it lives on ({@code none} on a standalone server)
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Instance {
        name = Wire.text(name);
        type = Wire.text(type);
        status = Wire.text(status);
        architecture = Wire.text(architecture);
        config = Wire.map(config);
        devices = Wire.map(devices);
        profiles = Wire.list(profiles);
        description = Wire.text(description);
        expandedConfig = Wire.map(expandedConfig);
        expandedDevices = Wire.map(expandedDevices);
        location = Wire.text(location);
        project = Wire.text(project);
        extra = Wire.map(extra);
    }

    /**
     * Tells whether the instance is running.
     *
     * @return {@code true} when the status code is {@link StatusCode#RUNNING}
     */
    public boolean isRunning() {
        return statusCode == StatusCode.RUNNING;
    }

    /**
     * Returns the writable part of this instance, for a read-modify-write with
     * {@code PUT /1.0/instances/{name}}.
     *
     * @return the instance's configuration as an {@link InstancePut}
     */
    public InstancePut toPut() {
        return new InstancePut(architecture, config, devices, ephemeral, profiles, stateful, description, Map.of());
    }
}
