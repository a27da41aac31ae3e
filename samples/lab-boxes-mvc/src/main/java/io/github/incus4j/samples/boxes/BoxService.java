package io.github.incus4j.samples.boxes;

import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.Instance;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The boxes, with blocking calls: each method calls Incus, waits for the answer with
 * {@code block()} and returns plain values, the way servlet code is written. The client underneath
 * is the same reactive client the WebFlux sample composes without blocking; there is no second,
 * blocking client. Waits are bounded by the client's response timeout ({@code incus.response-timeout})
 * and, for operations, by the waiter's deadline ({@code incus.operations.timeout}).
 */
@Service
public class BoxService {

    private final IncusClient incus;
    private final IncusOperationWaiter operations;
    private final LabProperties lab;

    BoxService(IncusClient incus, IncusOperationWaiter operations, LabProperties lab) {
        this.incus = incus;
        this.operations = operations;
        this.lab = lab;
    }

    /** Every box, by name. */
    public List<Box> list() {
        return incus.instances().list().block().stream()
                .map(Box::of)
                .sorted(Comparator.comparing(Box::name))
                .toList();
    }

    /** One box; IncusNotFoundException when there is none. */
    public Box get(String name) {
        return Box.of(incus.instances().get(name).block());
    }

    /**
     * Creates a box from an image alias and starts it; returns once it runs. An unknown alias raises
     * UnknownImageException, a failed creation the daemon's error (IncusOperationException).
     */
    public Box create(NewBox request) {
        String image = request.image() != null && !request.image().isBlank() ? request.image().strip()
                : lab.defaultImage();
        // Resolved first: for an unknown alias Incus 6.0 only says "Image not provided for instance creation".
        try {
            incus.images().aliases().get(image).block();
        } catch (IncusNotFoundException e) {
            throw new UnknownImageException(image);
        }
        InstancesPost box = InstancesPost.builder(request.name()).image(image).start(true).build();
        operations.await(incus.instances().create(box)).block();
        return get(request.name());
    }

    /** Stops a box if it runs, and deletes it. */
    public void delete(String name) {
        Instance instance = incus.instances().get(name).block();
        if (instance.status().equals("Running")) {
            operations.await(incus.instances().stop(name, true)).block();
        }
        operations.await(incus.instances().delete(name)).block();
    }
}
