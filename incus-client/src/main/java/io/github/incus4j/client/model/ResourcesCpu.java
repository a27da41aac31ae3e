package io.github.incus4j.client.model;

import java.util.List;
import java.util.Map;

/**
 * The host's processors.
 *
 * @param architecture the architecture, such as {@code x86_64}
 * @param total the number of threads
 * @param sockets per socket: vendor, name, cores, threads, frequency
 */
public record ResourcesCpu(
        String architecture,
        int total,
        List<Map<String, Object>> sockets) {

    /**
     * Normalises missing fields.
     *
     * @param architecture the architecture, such as {@code x86_64}
     * @param total the number of threads
     * @param sockets per socket: vendor, name, cores, threads, frequency
     */
    public ResourcesCpu {
        architecture = Wire.text(architecture);
        sockets = Wire.list(sockets);
    }
}
