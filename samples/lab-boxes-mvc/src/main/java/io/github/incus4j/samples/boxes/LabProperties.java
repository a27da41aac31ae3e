package io.github.incus4j.samples.boxes;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the lab, prefix {@code lab}.
 *
 * @param defaultImage image alias of a box whose request names none
 */
@ConfigurationProperties("lab")
public record LabProperties(String defaultImage) {
}
