package io.github.incus4j.client;

import io.github.incus4j.client.exception.IncusException;
import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.internal.protocol.IncusHttp;
import io.github.incus4j.client.internal.protocol.IncusRequest;
import io.github.incus4j.client.internal.protocol.Names;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The log files of instances ({@code /1.0/instances/{name}/logs}) and their console log
 * ({@code /1.0/instances/{name}/console}).
 *
 * <pre>{@code
 * List<String> files = client.instanceLogs().listNames("c1").block();      // lxc.log, lxc.conf, ...
 * String log = client.instanceLogs().read("c1", "lxc.log").block();
 * String console = client.instanceLogs().consoleLog("c1").block();
 * }</pre>
 *
 * <p>Text is decoded as UTF-8 and held in memory, limited to the client's {@code maxResponseSize};
 * {@link #download} streams a log of any size to a file. The records of {@code exec} with
 * {@code record-output} live below {@code logs/exec-output}: {@link ExecApi#runRecorded} reads and
 * deletes its own; {@link #listExecOutputs}, {@link #readExecOutput} and {@link #deleteExecOutput}
 * reach those of detached commands.
 */
public final class InstanceLogsApi {

    private static final String LOGS = "/1.0/instances/{name}/logs";
    private static final String LOG = LOGS + "/{filename}";
    private static final String CONSOLE = "/1.0/instances/{name}/console";
    private static final String EXEC_OUTPUTS = LOGS + "/exec-output";
    private static final String EXEC_OUTPUT = EXEC_OUTPUTS + "/{filename}";

    private final Calls calls;

    /**
     * Creates the API over a request executor.
     *
     * @param calls the client's calls (executor and API extensions)
     */
    InstanceLogsApi(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the names of an instance's log files.
     *
     * @param instance the instance name
     * @return the file names, such as {@code lxc.log} and {@code lxc.conf} for a container
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs")
    public Mono<List<String>> listNames(String instance) {
        return calls.names(IncusRequest.get(LOGS).path("name", "instance", instance).build());
    }

    /**
     * Reads a log file as text.
     *
     * @param instance the instance name
     * @param filename the file name from {@link #listNames}
     * @return the content; a name the daemon does not use for logs fails with an
     *     {@link io.github.incus4j.client.exception.IncusApiException} (HTTP 400, "Log file name ... not valid")
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<String> read(String instance, String filename) {
        return text(log(HttpMethod.GET, instance, filename));
    }

    /**
     * Downloads a log file to a local file, streaming it.
     *
     * @param instance the instance name
     * @param filename the file name from {@link #listNames}
     * @param target the local file to write (replaced; deleted again if the transfer fails)
     * @return the number of bytes written
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<Long> download(String instance, String filename, Path target) {
        Names.required("target", target);
        return Downloads.toFile(calls.http(), log(HttpMethod.GET, instance, filename), target);
    }

    /**
     * Deletes a log file. The daemon refuses its own current logs ({@code lxc.log},
     * {@code qemu.log}) and the configuration files with a {@link io.github.incus4j.client.exception.IncusApiException}
     * (HTTP 400) that says so.
     *
     * @param instance the instance name
     * @param filename the file name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<Void> delete(String instance, String filename) {
        return calls.run(log(HttpMethod.DELETE, instance, filename));
    }

    /**
     * Reads the console log: what the instance wrote to its console (for a container, its
     * {@code /dev/console}), kept by the daemon in a ring buffer while it runs and in a file after.
     *
     * @param instance the instance name
     * @return the console output as text
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/console")
    public Mono<String> consoleLog(String instance) {
        return text(IncusRequest.get(CONSOLE).path("name", "instance", instance).build());
    }

    /**
     * Clears the console log.
     *
     * @param instance the instance name
     * @return completes when cleared
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/console")
    public Mono<Void> clearConsoleLog(String instance) {
        return calls.run(IncusRequest.of(HttpMethod.DELETE, CONSOLE).path("name", "instance", instance).build());
    }

    /**
     * Lists the files that {@code exec} with {@code record-output} wrote for an instance
     * ({@code GET /1.0/instances/{name}/logs/exec-output}), two per command:
     * {@code exec_<operation id>.stdout} and {@code exec_<operation id>.stderr}.
     *
     * @param instance the instance name
     * @return the file names; empty when no command recorded output yet (Incus 6.0.4 answers that
     *     case with a 404 naming the missing directory, which this turns into the empty list)
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/exec-output")
    public Mono<List<String>> listExecOutputs(String instance) {
        return calls.names(IncusRequest.get(EXEC_OUTPUTS).path("name", "instance", instance).build())
                .onErrorResume(IncusNotFoundException.class, missing ->
                        missing.serverMessage().contains("exec-output: no such file or directory")
                                ? Mono.just(List.of()) : Mono.error(missing));
    }

    /**
     * Reads one recorded output file as text.
     *
     * @param instance the instance name
     * @param filename the file name from {@link #listExecOutputs}
     * @return the content
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    public Mono<String> readExecOutput(String instance, String filename) {
        return text(IncusRequest.get(EXEC_OUTPUT).path("name", "instance", instance)
                .path("filename", "filename", filename).build());
    }

    /**
     * Deletes one recorded output file.
     *
     * @param instance the instance name
     * @param filename the file name from {@link #listExecOutputs}
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/logs/exec-output/{filename}")
    public Mono<Void> deleteExecOutput(String instance, String filename) {
        return calls.run(IncusRequest.of(HttpMethod.DELETE, EXEC_OUTPUT).path("name", "instance", instance)
                .path("filename", "filename", filename).build());
    }

    private Mono<String> text(IncusRequest request) {
        return calls.http().exchangeRaw(request, response -> response.bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new IncusException(request.describe()
                        + ": the log is larger than the client's limit for content held in memory "
                        + "(maxResponseSize); use download(...) to a file", tooLarge)));
    }

    private static IncusRequest log(HttpMethod method, String instance, String filename) {
        return IncusRequest.of(method, LOG).path("name", "instance", instance).path("filename", "filename", filename)
                .build();
    }
}
