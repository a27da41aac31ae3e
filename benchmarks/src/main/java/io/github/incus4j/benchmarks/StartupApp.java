package io.github.incus4j.benchmarks;

import java.lang.management.ManagementFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * B6's application: as small as a Spring Boot application gets. Started in a child JVM with and
 * without the starter on its class path; it prints how long the JVM took until the context was
 * ready, then exits.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StartupApp {

    /**
     * Starts the context, prints {@code READY_MS=<uptime>} and stops.
     *
     * @param args passed to Spring Boot (for example {@code --incus.socket-path=...})
     */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(StartupApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run(args)) {
            System.out.println("READY_MS=" + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " INCUS_CLIENT_BEANS=" + context.getBeanNamesForType(classOrNull()).length);
        }
    }

    private static Class<?> classOrNull() {
        try {
            return Class.forName("io.github.incus4j.client.IncusClient");
        } catch (ClassNotFoundException absent) {
            return Void.class;
        }
    }
}
