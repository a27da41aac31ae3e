package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.List;
import java.util.Map;

/**
 * A network ({@code GET /1.0/networks/{name}}), managed by Incus or a host interface it only reports.
 *
 * @param name the name
 * @param type {@code bridge}, {@code macvlan}, {@code sriov}, {@code ovn}, {@code physical}, or a host type such as {@code loopback}
 * @param description a free-form description
 * @param config the configuration keys
 * @param managed whether Incus manages it
 * @param status {@code Created}, {@code Pending}, {@code Errored} or {@code Unknown}
 * @param locations the cluster members it exists on
 * @param usedBy the URLs of the objects that use it
 * @param project the project it belongs to
 * @param extra fields this client version does not know, kept for {@link #toPut()}
 */
public record Network(
        String name,
        String type,
        String description,
        Map<String, String> config,
        boolean managed,
        String status,
        List<String> locations,
        List<String> usedBy,
        String project,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param name the name
     * @param type {@code bridge}, {@code macvlan}, {@code sriov}, {@code ovn}, {@code physical}, or a
     *     host type such as {@code loopback}
     * @param description a free-form description
     * @param config the configuration keys
     * @param managed whether Incus manages it
     * @param status {@code Created}, {@code Pending}, {@code Errored} or {@code Unknown}
     * @param locations the cluster members it exists on
     * @param usedBy the URLs of the objects that use it
     * @param project the project it belongs to
     * @param extra fields this client version does not know, kept for {@link #toPut()}
     */
    public Network {
        name = Wire.text(name);
        type = Wire.text(type);
        description = Wire.text(description);
        config = Wire.map(config);
        status = Wire.text(status);
        locations = Wire.list(locations);
        usedBy = Wire.list(usedBy);
        project = Wire.text(project);
        extra = Wire.map(extra);
    }

    /**
     * Returns the writable part, for a read-modify-write with {@code PUT}; unknown fields are
     * carried over so that nothing a newer daemon sent is lost.
     *
     * @return the writable part
     */
    public NetworkPut toPut() {
        return new NetworkPut(description, config, extra);
    }
}
