package io.github.incus4j.client.it;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.time.Duration;

/** A running busybox container of its own for one test, stopped and deleted on close. */
final class RunningContainer implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final IncusClient client;
    private final String name;

    private RunningContainer(IncusClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static RunningContainer launch(IncusClient client, IncusDaemon daemon, String prefix) {
        String name = Transport.uniqueName(prefix);
        client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias()).start(true).build())
                .flatMap(creation -> creation.await(WAIT)).block();
        return new RunningContainer(client, name);
    }

    /** Takes charge of a container the test created itself, to stop and delete it on close. */
    static RunningContainer adopt(IncusClient client, String name) {
        return new RunningContainer(client, name);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            client.instances().stop(name, true).flatMap(stop -> stop.await(WAIT)).block();
        } catch (IncusNotFoundException gone) {
            return;
        } catch (RuntimeException alreadyStopped) {
            // deleting below says whether it matters
        }
        client.instances().delete(name).flatMap(deletion -> deletion.await(WAIT)).block();
    }
}
