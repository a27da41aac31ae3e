package io.github.incus4j.samples.sandbox;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The sample started for real on a random port, with the given properties. */
final class RunningSample implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningSample(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static RunningSample start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "sandbox.local-daemon-fallback=false"));
        all.addAll(List.of(properties));
        return new RunningSample(new SpringApplicationBuilder(SandboxRunnerApplication.class)
                .properties(all.toArray(String[]::new)).run());
    }

    String url() {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
