package io.github.incus4j.samples.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The sandbox runner: a web application that runs commands in throw-away Incus containers.
 *
 * <p>Everything Incus-related comes from the starter and {@code application.yml}; the only extra
 * is {@link LocalIncusFallback}, which gives a newcomer without a running daemon a throw-away one.
 */
@SpringBootApplication
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxRunnerApplication {

    /**
     * Starts the application.
     *
     * @param args command line arguments, passed to Spring Boot
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SandboxRunnerApplication.class);
        application.addListeners(new LocalIncusFallback());
        application.run(args);
    }
}
