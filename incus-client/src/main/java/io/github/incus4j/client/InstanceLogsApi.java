package io.github.incus4j.client;

import io.github.incus4j.client.internal.protocol.Names;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;

/**
 * The log files of one instance: {@code /1.0/instances/{name}/logs}, reached with
 * {@link InstancesApi#logs(String)}.
 *
 * <pre>{@code
 * InstanceLogsApi logs = client.instances().logs("c1");
 * List<String> files = logs.listNames().block();      // [lxc.log] for a container
 * String log = logs.read("lxc.log").block();
 * }</pre>
 *
 * <p>Text is decoded as UTF-8 and held in memory, limited to the client's {@code maxResponseSize};
 * {@link #download} streams a log of any size to a file. The console log is
 * {@link InstanceConsoleApi#log()}; what {@code exec} with {@code record-output} wrote is
 * {@link #execOutputs()}.
 *
 * <p>Measured on Incus 6.0.4: the daemon lists {@code lxc.log} for a container, running or
 * stopped ({@code qemu.log} for a virtual machine), though it keeps more files in the instance's log
 * directory ({@code console.log}, {@code forkstart.log}, {@code lxc.log.old}); it serves only
 * {@code lxc.log}, {@code qemu.log} and names beginning with {@code migration_} or
 * {@code snapshot_}, and refuses any other name with HTTP 400 ("Log file name ... not valid").
 */
public final class InstanceLogsApi {

    private final Calls calls;
    private final String instance;
    private final NamedCollection<Object> logs;

    /**
     * Creates the API of one instance's logs.
     *
     * @param calls the client's calls (executor and API extensions)
     * @param instance the instance name, already checked
     */
    InstanceLogsApi(Calls calls, String instance) {
        this.calls = calls;
        this.instance = instance;
        this.logs = new NamedCollection<>(calls, "/1.0/instances/{name}/logs", "filename", Map.of("name", instance),
                Object.class);
    }

    /**
     * Lists the names of the log files.
     *
     * @return the file names, such as {@code lxc.log}
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs")
    public Mono<List<String>> listNames() {
        return logs.names(ListOptions.NONE);
    }

    /**
     * Reads a log file as text.
     *
     * @param filename the file name from {@link #listNames}
     * @return the content; a name the daemon does not serve fails with an
     *     {@link io.github.incus4j.client.exception.IncusApiException} (HTTP 400, "Log file name ... not valid"),
     *     a valid name that has no file, such as {@code qemu.log} of a container, with an
     *     {@link io.github.incus4j.client.exception.IncusNotFoundException}
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<String> read(String filename) {
        return Downloads.text(calls.http(), logs.one(HttpMethod.GET, "", filename).build(), "the log");
    }

    /**
     * Downloads a log file to a local file, streaming it.
     *
     * @param filename the file name from {@link #listNames}
     * @param target the local file to write (replaced; deleted again if the transfer fails)
     * @return the number of bytes written
     */
    @Endpoint(method = "GET", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<Long> download(String filename, Path target) {
        Names.required("target", target);
        return Downloads.toFile(calls.http(), logs.one(HttpMethod.GET, "", filename).build(), target);
    }

    /**
     * Deletes a log file. The daemon refuses {@code lxc.log} and {@code qemu.log} with an
     * {@link io.github.incus4j.client.exception.IncusApiException} (HTTP 400, "Only log files excluding
     * qemu.log and lxc.log may be deleted"), and names it does not serve as {@link #read} does.
     *
     * @param filename the file name
     * @return completes when deleted
     */
    @Endpoint(method = "DELETE", path = "/1.0/instances/{name}/logs/{filename}")
    public Mono<Void> delete(String filename) {
        return logs.delete(filename);
    }

    /**
     * The files that {@code exec} with {@code record-output} wrote for this instance:
     * {@code /1.0/instances/{name}/logs/exec-output}.
     *
     * @return the recorded outputs API
     */
    public InstanceExecOutputsApi execOutputs() {
        return new InstanceExecOutputsApi(calls, instance);
    }
}
