package io.github.incus4j.samples.sandbox;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /api/runs}: runs a command in a throw-away container. */
@RestController
@RequestMapping("/api/runs")
class RunController {

    private final RunService runs;

    RunController(RunService runs) {
        this.runs = runs;
    }

    @PostMapping
    Mono<RunResult> run(@Valid @RequestBody RunRequest request) {
        return runs.run(request);
    }
}
