package io.github.incus4j.spring.test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Hands the daemon or cluster from the JUnit extension, which can start it and skip the class, to
 * the context customizer, which cannot see JUnit's stores. Keyed by test class, because classes may
 * run in parallel and each has its own extension context.
 */
final class Fixtures {

    private static final Map<Class<?>, AutoCloseable> BY_TEST_CLASS = new ConcurrentHashMap<>();

    private Fixtures() {
    }

    static void put(Class<?> testClass, AutoCloseable fixture) {
        BY_TEST_CLASS.put(testClass, fixture);
    }

    static @Nullable AutoCloseable get(Class<?> testClass) {
        return BY_TEST_CLASS.get(testClass);
    }

    static void remove(Class<?> testClass) {
        BY_TEST_CLASS.remove(testClass);
    }
}
