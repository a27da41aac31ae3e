package io.github.incus4j.test;

import java.time.Duration;

/** Short pauses between polls that keep the thread's interrupt status. */
final class Sleeper {

    private Sleeper() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusDaemonException("Interrupted while waiting for the Incus daemon", e);
        }
    }
}
