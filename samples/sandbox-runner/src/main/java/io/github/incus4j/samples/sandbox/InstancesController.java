package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.IncusClient;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code GET /api/instances}: the instances of the configured project. */
@RestController
@RequestMapping("/api/instances")
class InstancesController {

    private final IncusClient incus;

    InstancesController(IncusClient incus) {
        this.incus = incus;
    }

    @GetMapping
    Mono<List<InstanceSummary>> list() {
        return incus.instances().list().map(instances -> instances.stream()
                .map(InstanceSummary::of)
                .sorted(Comparator.comparing(InstanceSummary::name))
                .toList());
    }
}
