package io.github.incus4j.samples.sandbox;

import io.github.incus4j.client.ExecRequest;
import io.github.incus4j.client.IncusClient;
import io.github.incus4j.client.exception.ExecTimeoutException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.model.ExecResult;
import io.github.incus4j.client.model.InstanceSource;
import io.github.incus4j.client.model.InstancesPost;
import io.github.incus4j.client.model.Operation;
import io.github.incus4j.spring.autoconfigure.operations.IncusOperationWaiter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Runs one command in a throw-away container: launch, exec, delete. The container is deleted
 * whatever happens: success, a failing command, a timeout, or an error of Incus.
 */
@Service
class RunService {

    private static final Log log = LogFactory.getLog(RunService.class);
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{12,64}");
    private static final Duration LAUNCH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLEANUP_TIMEOUT = Duration.ofSeconds(30);

    private final IncusClient incus;
    private final IncusOperationWaiter operations;
    private final SandboxProperties settings;

    RunService(IncusClient incus, IncusOperationWaiter operations, SandboxProperties settings) {
        this.incus = incus;
        this.operations = operations;
        this.settings = settings;
    }

    Mono<RunResult> run(RunRequest request) {
        String image = request.image() == null || request.image().isBlank() ? settings.defaultImage()
                : request.image().strip();
        int timeout = request.timeoutSeconds() == null ? settings.defaultTimeoutSeconds() : request.timeoutSeconds();
        if (timeout > settings.maxTimeoutSeconds()) {
            return Mono.error(new RunException(HttpStatus.BAD_REQUEST, "Invalid run request", "timeoutSeconds: must be "
                    + "at most " + settings.maxTimeoutSeconds() + " seconds (sandbox.max-timeout-seconds)", null));
        }
        String name = "sandbox-" + UUID.randomUUID().toString().substring(0, 8);
        long started = System.nanoTime();
        return source(image)
                .flatMap(source -> Mono.usingWhen(
                        launch(name, source),
                        location -> execute(name, request, timeout).map(result -> new RunResult(name, location,
                                result.exitCode(), text(result.stdout()), text(result.stderr()),
                                (System.nanoTime() - started) / 1_000_000)),
                        location -> remove(name),
                        (location, failure) -> remove(name),
                        location -> remove(name)))
                .onErrorMap(ExecTimeoutException.class, expired -> RunException.timedOut(name, timeout, expired));
    }

    /** Resolves the image first, so that an unknown one is reported by name instead of as a failed launch. */
    private Mono<InstanceSource> source(String image) {
        Mono<InstanceSource> found = FINGERPRINT.matcher(image).matches()
                ? incus.images().get(image).map(known -> InstanceSource.fingerprint(known.fingerprint()))
                : incus.images().aliases().get(image).map(alias -> InstanceSource.image(image));
        return found.onErrorMap(IncusNotFoundException.class, missing -> RunException.unknownImage(image, missing));
    }

    /**
     * Launches the container and answers where it runs: on a cluster the daemon places it on a
     * member (the creation's operation ran there), on a standalone daemon that is {@code none}.
     */
    private Mono<String> launch(String name, InstanceSource source) {
        InstancesPost container = InstancesPost.builder(name).source(source).ephemeral(true).start(true)
                .description("sandbox-runner: one command, deleted afterwards").build();
        return operations.await(incus.instances().create(container)).map(Operation::location);
    }

    private Mono<ExecResult> execute(String name, RunRequest request, int timeoutSeconds) {
        ExecRequest.Builder command = ExecRequest.builder(request.command())
                .environment(request.env())
                .timeout(Duration.ofSeconds(timeoutSeconds));
        if (!request.stdin().isEmpty()) {
            command.stdin(request.stdin().getBytes(StandardCharsets.UTF_8));
        }
        return incus.instances().exec(name).run(command.build());
    }

    /**
     * Stops the container with force (an ephemeral container is then deleted by Incus) and makes
     * sure it is gone. Failures are logged, never raised: the run's own outcome matters more.
     */
    private Mono<Void> remove(String name) {
        Mono<Void> stop = incus.instances().stop(name, true)
                .flatMap(stopping -> stopping.await(CLEANUP_TIMEOUT))
                .then()
                .onErrorResume(alreadyStoppedOrGone -> Mono.empty());
        Mono<Void> deleteIfLeft = incus.instances().delete(name)
                .flatMap(deletion -> deletion.await(CLEANUP_TIMEOUT))
                .then()
                .onErrorResume(IncusNotFoundException.class, gone -> Mono.empty());
        return stop.then(waitUntilGone(name)).onErrorResume(stillThere -> deleteIfLeft)
                .doOnError(failure -> log.warn("Could not delete the sandbox container " + name + ": "
                        + failure.getMessage()))
                .onErrorResume(failure -> Mono.empty());
    }

    /** Ephemeral containers disappear shortly after they stop; wait for that, boundedly. */
    private Mono<Void> waitUntilGone(String name) {
        return incus.instances().get(name)
                .flatMap(stillThere -> Mono.<Void>error(new IllegalStateException(name + " still exists")))
                .onErrorResume(IncusNotFoundException.class, gone -> Mono.empty())
                .retryWhen(reactor.util.retry.Retry.fixedDelay(50, Duration.ofMillis(100))
                        .filter(IllegalStateException.class::isInstance))
                .onErrorMap(exhausted -> new IllegalStateException(name + " still exists after stopping", exhausted));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
