package io.github.incus4j.test.wiremock;

import io.github.incus4j.client.ETagged;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import java.time.Duration;

/**
 * A small piece of application code, as a user of the client writes it: it launches an instance
 * and waits for it, and changes a limit with a read-modify-write guarded by the ETag. The tests
 * next to it show how such code is tested against the stand-in.
 */
final class InstanceLauncher {

    private final IncusClient incus;
    private final Duration timeout;

    InstanceLauncher(IncusClient incus, Duration timeout) {
        this.incus = incus;
        this.timeout = timeout;
    }

    /** Creates and starts an instance, and returns the finished operation. */
    Operation launch(String name, String image) {
        return incus.instances().create(InstancesPost.builder(name).image(image).start(true).build())
                .flatMap(operation -> operation.await(timeout))
                .block();
    }

    /** Sets limits.cpu, failing rather than overwriting when someone changed the instance meanwhile. */
    void limitCpu(String name, int cpus) {
        ETagged<Instance> read = incus.instances().getWithEtag(name).block();
        incus.instances().update(name, read.value().toPut().withConfig("limits.cpu", Integer.toString(cpus)), read.etag())
                .flatMap(operation -> operation.await(timeout))
                .block();
    }
}
