package io.github.incus4j.benchmarks;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.spring.autoconfigure.warmup.IncusClientWarmUp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * B12's Spring Boot application: once it has started (and, when the starter's warm-up is on, once
 * that has finished in the background), it times its first {@code server().get()} and then twenty
 * more, and prints {@code FIRST_MS=... LATER_MS=... WARM_UP_MS=...} (the later ones' median; the
 * time from ready to the end of the warm-up, or -1 without it).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class FirstCallBootApp {

    /**
     * Entry point.
     *
     * @param args passed to Spring Boot ({@code --incus.socket-path=...}, {@code --incus.warm-up.enabled=false})
     * @throws InterruptedException if interrupted while waiting for the warm-up
     */
    public static void main(String[] args) throws InterruptedException {
        SpringApplication application = new SpringApplication(FirstCallBootApp.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setLogStartupInfo(false);
        try (ConfigurableApplicationContext context = application.run(args)) {
            long ready = System.nanoTime();
            long warmUp = -1;
            IncusClientWarmUp warming = context.getBeanProvider(IncusClientWarmUp.class).getIfAvailable();
            if (warming != null && warming.awaitDone(60_000)) {
                warmUp = (System.nanoTime() - ready) / 1_000_000;
            }
            // An application's first call comes some time after it is ready; the same pause either way.
            long pause = 1_000 - (System.nanoTime() - ready) / 1_000_000;
            if (pause > 0) {
                Thread.sleep(pause);
            }
            IncusClient client = context.getBean(IncusClient.class);
            long started = System.nanoTime();
            client.server().get().block();
            double first = (System.nanoTime() - started) / 1e6;
            List<Double> later = new ArrayList<>();
            for (int i = 0; i < 21; i++) {
                started = System.nanoTime();
                client.server().get().block();
                later.add((System.nanoTime() - started) / 1e6);
            }
            Collections.sort(later);
            System.out.printf(java.util.Locale.ROOT, "FIRST_MS=%.1f LATER_MS=%.1f WARM_UP_MS=%d%n", first,
                    later.get(later.size() / 2), warmUp);
        }
    }
}
