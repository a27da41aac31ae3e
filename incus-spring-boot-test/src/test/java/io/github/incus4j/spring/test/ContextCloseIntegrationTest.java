package io.github.incus4j.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.incus4j.test.IncusDaemon;
import io.github.incus4j.test.IncusIntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The run's daemon outlives every application context that uses it: Spring closes contexts it
 * evicts from its cache, and must not take the daemon of the other test classes with them.
 */
@IncusIntegrationTest
class ContextCloseIntegrationTest {

    @Test
    void closingAContextLeavesTheDaemonRunning(IncusDaemon daemon) {
        Fixtures.put(ContextCloseIntegrationTest.class, daemon);
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            new IncusServiceConnectionContextCustomizerFactory()
                    .createContextCustomizer(Annotated.class, List.of())
                    .customizeContext(context, new MergedContextConfiguration(ContextCloseIntegrationTest.class,
                            null, null, null, null));
            context.refresh();
            assertThat(context.getBean(IncusDaemon.class)).isSameAs(daemon);
        } finally {
            Fixtures.remove(ContextCloseIntegrationTest.class);
        }

        assertThat(daemon.incusOrFail("query", "/1.0")).contains("\"auth\": \"trusted\"");
    }

    @IncusServiceConnection
    static class Annotated {
    }
}
