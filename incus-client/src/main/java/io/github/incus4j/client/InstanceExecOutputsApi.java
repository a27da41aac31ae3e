package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusNotFoundException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The files that {@code exec} with {@code record-output} wrote for one instance:
 * {@code /1.0/instances/{name}/logs/exec-output}, reached with
 * {@code client.instances().logs("c1").execOutputs()}.
 *
 * <p>Two files per command, {@code exec_<operation id>.stdout} and {@code exec_<operation id>.stderr}.
 * {@link InstanceExecApi#runRecorded} reads and deletes its own; these methods reach those of
 * detached commands.
 */
public final class InstanceExecOutputsApi {

    private final Calls calls;
    private final NamedCollection<Object> outputs;

    /**
     * Creates the API of one instance's recorded outputs.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceExecOutputsApi(Calls calls, String instance) {
        this.calls = calls;
        this.outputs = new NamedCollection<>(calls, "/1.0/instances/{name}/logs/exec-output", "filename",
                Map.of("name", instance), Object.class);
    }

    /**
     * Lists the recorded output files.
     *
     * @return the file names; empty when no command recorded output yet (Incus 6.0.4 answers that
     *     case with a 404 naming the missing directory, which this turns into the empty list)
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/exec-output")
    public Mono<List<String>> listNames() {
        return outputs.names(ListOptions.NONE)
                .onErrorResume(IncusNotFoundException.class, missing ->
                        missing.serverMessage().contains("exec-output: no such file or directory")
                                ? Mono.just(List.of()) : Mono.error(missing));
    }

    /**
     * Reads one recorded output file as text (UTF-8, held in memory).
     *
     * @param filename the file name from {@link #listNames}
     * @return the content
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    public Mono<String> read(String filename) {
        return Downloads.text(calls.http(), outputs.one(HttpMethod.GET, "", filename).build(), "the recorded output");
    }

    /**
     * Deletes one recorded output file.
     *
     * @param filename the file name from {@link #listNames}
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    public Mono<Void> delete(String filename) {
        return outputs.delete(filename);
    }
}
