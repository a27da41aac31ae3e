package io.github.incus4j.spring.autoconfigure.it;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A whole Spring Boot application with the starter's auto-configuration, the actuator and a
 * reactive web server on a free loopback port, as a user would run it.
 */
final class BootApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConfigurableApplicationContext context;

    private BootApp(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Returns the running application's context, for its beans.
     *
     * @return the context
     */
    ConfigurableApplicationContext context() {
        return context;
    }

    /**
     * Starts the application.
     *
     * @param properties application properties, {@code key=value}
     * @return the running application
     */
    static BootApp start(String... properties) {
        return startWith(App.class, properties);
    }

    /**
     * Starts the application with one more configuration class.
     *
     * @param configuration a configuration class, such as beans injecting clients
     * @param properties application properties, {@code key=value}
     * @return the running application
     */
    static BootApp startWith(Class<?> configuration, String... properties) {
        return startWith(configuration, (ClassLoader) null, properties);
    }

    /**
     * Starts the application with more resources on its classpath, for {@code classpath:} locations.
     *
     * @param resources the class loader that finds them
     * @param properties application properties, {@code key=value}
     * @return the running application
     */
    static BootApp startWith(ClassLoader resources, String... properties) {
        return startWith(App.class, resources, properties);
    }

    private static BootApp startWith(Class<?> configuration, ClassLoader resources, String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
                "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-details=always",
                // A cold application's first check also pays for the TLS handshake and class loading:
                // on a loaded machine that can take longer than the 3 s default (tests may override).
                "incus.health.timeout=10s"));
        all.addAll(Arrays.asList(properties));
        SpringApplicationBuilder application = new SpringApplicationBuilder(App.class, configuration)
                .web(WebApplicationType.REACTIVE).properties(all.toArray(String[]::new));
        if (resources != null) {
            application.resourceLoader(new DefaultResourceLoader(resources));
        }
        return new BootApp(application.run());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /**
     * Sends {@code GET} to the application.
     *
     * @param path the path, such as {@code /actuator/health}
     * @return the response
     */
    HttpResponse<String> get(String path) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Reads one value of a JSON body.
     *
     * @param body the JSON
     * @param path the JSON path, such as {@code $.components.incus.status}
     * @param <T> the value's type
     * @return the value
     */
    static <T> T json(String body, String path) {
        return JsonPath.read(body, path);
    }

    @Override
    public void close() {
        context.close();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
