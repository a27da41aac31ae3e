package io.github.incus4j.client.it;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.StorageVolumesApi;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.test.IncusDaemon;
import java.time.Duration;
import java.util.Map;

/** Helpers of the custom volume tests: a container that sees a volume, and a cleanup that tolerates none. */
final class CustomVolumes {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private CustomVolumes() {
    }

    /** Launches a busybox container with a custom volume of the pool mounted at {@code /data}. */
    static RunningContainer launchWith(IncusClient client, IncusDaemon daemon, String pool, String prefix,
            String volume) {
        String name = Transport.uniqueName(prefix);
        client.instances().create(InstancesPost.builder(name).image(daemon.imageAlias())
                .device("data", Map.of("type", "disk", "pool", pool, "source", volume, "path", "/data"))
                .start(true).build()).flatMap(op -> op.await(WAIT)).block();
        return RunningContainer.adopt(client, name);
    }

    /** Deletes a custom volume and its snapshots, if it exists. */
    static void delete(StorageVolumesApi volumes, String name) {
        try {
            for (String snapshot : volumes.snapshots(StorageVolumesApi.CUSTOM, name).listNames().block()) {
                volumes.snapshots(StorageVolumesApi.CUSTOM, name).delete(snapshot).flatMap(op -> op.await(WAIT)).block();
            }
            volumes.delete(name).block();
        } catch (IncusNotFoundException gone) {
            // never created
        }
    }
}
