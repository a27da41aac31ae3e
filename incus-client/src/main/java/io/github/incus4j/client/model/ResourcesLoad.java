package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The host's load. Incus writes these names in capitals.
 *
 * @param average1Min the one-minute load average
 * @param average5Min the five-minute load average
 * @param average10Min the ten-minute load average
 * @param processes the number of processes
 */
public record ResourcesLoad(
        @JsonProperty("Average1Min") double average1Min,
        @JsonProperty("Average5Min") double average5Min,
        @JsonProperty("Average10Min") double average10Min,
        @JsonProperty("Processes") int processes) {

}
