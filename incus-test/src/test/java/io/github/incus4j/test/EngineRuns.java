package io.github.incus4j.test;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs sample test classes through the Jupiter engine, for the tests of the extensions. */
final class EngineRuns {

    private EngineRuns() {
    }

    /** Runs the classes with {@code System.err} captured in {@code stderr}. */
    static EngineExecutionResults runCapturingStderr(ByteArrayOutputStream stderr, Class<?>... classes) {
        PrintStream original = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter");
            for (Class<?> type : classes) {
                builder.selectors(selectClass(type));
            }
            return builder.execute();
        } finally {
            System.setErr(original);
        }
    }

    /** What a finished event's test threw. */
    static Throwable throwable(Event event) {
        return event.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElseThrow();
    }
}
