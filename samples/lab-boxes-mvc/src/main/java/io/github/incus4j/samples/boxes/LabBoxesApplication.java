package io.github.incus4j.samples.boxes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Lab boxes: a Spring MVC application that hands out lab containers (create, list, delete) with
 * blocking calls to Incus, next to the reactive sandbox-runner sample.
 */
@SpringBootApplication
@EnableConfigurationProperties(LabProperties.class)
public class LabBoxesApplication {

    /**
     * Starts the application.
     *
     * @param args command line arguments, passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication.run(LabBoxesApplication.class, args);
    }
}
