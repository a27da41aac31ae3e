package io.github.incus4j.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.incus4j.client.WireMockIncus.async;
import static io.github.incus4j.client.WireMockIncus.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.incus4j.client.exception.IncusUnsupportedException;
import io.github.incus4j.client.model.ImageExportPost;
import io.github.incus4j.client.model.InstanceDebugRepairPost;
import io.github.incus4j.client.model.InstanceNvramVariable;
import io.github.incus4j.client.model.InstanceNvramVariablePut;
import io.github.incus4j.client.model.StorageVolumeBitmapsPost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the calls a daemon without virtual machines cannot answer put on the wire (NVRAM, memory
 * dumps, repair, bitmaps, pushing an image to another server), and how the answers, shaped like
 * the specification's examples, are read.
 */
class VirtualMachineRequestsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String GLOBAL = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
    private static final String VARIABLE = "{\"attributes\":[\"NON_VOLATILE\",\"BOOTSERVICE_ACCESS\","
            + "\"RUNTIME_ACCESS\"],\"binary\":\"AQACAA==\",\"data\":[1,2],\"timestamp\":\"2026-01-02T03:04:05Z\"}";

    @RegisterExtension
    static WireMockExtension wireMock = WireMockIncus.server();

    private IncusClient client;

    @BeforeEach
    void createClient() {
        client = WireMockIncus.client(wireMock).build();
        extensions("instance_nvram", "instance_nvram_bulk_update", "instance_debug_memory", "instances_debug_repair", "storage_volume_nbd");
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private static void extensions(String... names) {
        WireMockIncus.stubExtensions(wireMock, names);
    }

    @Test
    void nvramListsAndReadsVariablesAtEveryRecursionLevel() {
        String base = "/1.0/instances/vm1/nvram";
        wireMock.stubFor(get(urlEqualTo(base)).willReturn(aResponse().withBody(sync("[\"" + base + "/" + GLOBAL
                + "\",\"" + base + "/d9bee56e-75dc-49d9-b4d7-b534210f637a\"]"))));
        wireMock.stubFor(get(urlEqualTo(base + "?recursion=1")).willReturn(aResponse().withBody(sync("{\"" + GLOBAL
                + "\":[\"" + base + "/" + GLOBAL + "/Boot0000\",\"" + base + "/" + GLOBAL + "/BootOrder\"]}"))));
        wireMock.stubFor(get(urlEqualTo(base + "?recursion=2")).willReturn(aResponse().withBody(sync("{\"" + GLOBAL
                + "\":{\"BootOrder\":" + VARIABLE + "}}"))));
        wireMock.stubFor(get(urlEqualTo(base + "/" + GLOBAL)).willReturn(aResponse().withBody(sync("[\"" + base + "/"
                + GLOBAL + "/BootOrder\"]"))));
        wireMock.stubFor(get(urlEqualTo(base + "/" + GLOBAL + "?recursion=1")).willReturn(aResponse()
                .withBody(sync("{\"BootOrder\":" + VARIABLE + "}"))));
        wireMock.stubFor(get(urlEqualTo(base + "/" + GLOBAL + "/BootOrder")).willReturn(aResponse()
                .withBody(sync(VARIABLE))));
        InstanceNvramApi nvram = client.instances().nvram("vm1");

        assertThat(nvram.listGuids().block(WAIT)).containsExactly(GLOBAL, "d9bee56e-75dc-49d9-b4d7-b534210f637a");
        assertThat(nvram.listNames().block(WAIT)).containsEntry(GLOBAL, List.of("Boot0000", "BootOrder"));
        assertThat(nvram.list().block(WAIT).get(GLOBAL).get("BootOrder").attributes()).contains("NON_VOLATILE");
        assertThat(nvram.listNames(GLOBAL).block(WAIT)).containsExactly("BootOrder");
        assertThat(nvram.list(GLOBAL).block(WAIT)).containsOnlyKeys("BootOrder");
        InstanceNvramVariable bootOrder = nvram.get(GLOBAL, "BootOrder").block(WAIT);
        assertThat(bootOrder.binary()).containsExactly(1, 0, 2, 0);
        assertThat(bootOrder.data()).isEqualTo(List.of(1, 2));
        assertThat(bootOrder.timestamp()).hasToString("2026-01-02T03:04:05Z");
    }

    @Test
    void nvramWritesDeletesAndPatchesVariables() {
        String variable = "/1.0/instances/vm1/nvram/" + GLOBAL + "/Timeout";
        wireMock.stubFor(put(urlEqualTo(variable)).willReturn(aResponse().withBody(sync("{}"))));
        wireMock.stubFor(delete(urlEqualTo(variable)).willReturn(aResponse().withBody(sync("{}"))));
        wireMock.stubFor(patch(urlEqualTo("/1.0/instances/vm1/nvram")).willReturn(aResponse().withBody(sync("{}"))));
        InstanceNvramApi nvram = client.instances().nvram("vm1");
        InstanceNvramVariablePut timeout = new InstanceNvramVariablePut(List.of("NON_VOLATILE"), List.of(5, 0), null);

        nvram.update(GLOBAL, "Timeout", timeout).block(WAIT);
        nvram.delete(GLOBAL, "Timeout").block(WAIT);
        Map<String, InstanceNvramVariablePut> changes = new HashMap<>();
        changes.put("Timeout", timeout);
        changes.put("BootNext", null);
        nvram.patch(Map.of(GLOBAL, changes)).block(WAIT);

        wireMock.verify(putRequestedFor(urlEqualTo(variable))
                .withRequestBody(equalToJson("{\"attributes\":[\"NON_VOLATILE\"],\"data\":[5,0]}")));
        wireMock.verify(deleteRequestedFor(urlEqualTo(variable)));
        wireMock.verify(patchRequestedFor(urlEqualTo("/1.0/instances/vm1/nvram")).withRequestBody(equalToJson(
                "{\"" + GLOBAL + "\":{\"Timeout\":{\"attributes\":[\"NON_VOLATILE\"],\"data\":[5,0]},\"BootNext\":null}}")));
    }

    @Test
    void withoutTheExtensionNvramFailsNamingItAndSendsNothing() {
        wireMock.resetAll();
        extensions("instance_debug_memory");

        assertThatThrownBy(() -> client.instances().nvram("vm1").listGuids().block(WAIT))
                .isInstanceOf(IncusUnsupportedException.class).hasMessageContaining("instance_nvram");
        assertThatThrownBy(() -> client.instances().createBitmap("vm1", StorageVolumeBitmapsPost.named("b0")).block(WAIT))
                .isInstanceOf(IncusUnsupportedException.class).hasMessageContaining("storage_volume_nbd");
        wireMock.verify(0, getRequestedFor(urlPathEqualTo("/1.0/instances/vm1/nvram")));
    }

    @Test
    void aMemoryDumpIsStreamedToAFileInTheRequestedFormat(@TempDir Path directory) throws Exception {
        byte[] dump = new byte[200_000];
        for (int i = 0; i < dump.length; i++) {
            dump[i] = (byte) i;
        }
        wireMock.stubFor(get(urlEqualTo("/1.0/instances/vm1/debug/memory?format=elf")).willReturn(aResponse()
                .withHeader("Content-Type", "application/octet-stream").withBody(dump)));
        Path target = directory.resolve("vm1.elf");

        long written = client.instances().debugMemory("vm1", "elf", target).block(WAIT);

        assertThat(written).isEqualTo(dump.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(dump);
    }

    @Test
    void repairAndBitmapsSendTheirBodies() {
        wireMock.stubFor(post(urlEqualTo("/1.0/instances/vm1/debug/repair")).willReturn(aResponse().withBody(sync("{}"))));
        wireMock.stubFor(post(urlEqualTo("/1.0/instances/vm1/bitmaps")).willReturn(aResponse().withBody(sync("{}"))));

        client.instances().debugRepair("vm1", new InstanceDebugRepairPost("rebuild-config-volume")).block(WAIT);
        client.instances().createBitmap("vm1",
                StorageVolumeBitmapsPost.named("bitmap0").withGranularity(65536).withPersistent(true)).block(WAIT);
        client.instances().createBitmap("vm1", StorageVolumeBitmapsPost.named("bitmap1")).block(WAIT);

        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/instances/vm1/debug/repair"))
                .withRequestBody(equalToJson("{\"action\":\"rebuild-config-volume\"}")));
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/instances/vm1/bitmaps"))
                .withRequestBody(equalToJson("{\"name\":\"bitmap0\",\"granularity\":65536,\"persistent\":true,\"disabled\":false}")));
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/instances/vm1/bitmaps"))
                .withRequestBody(equalToJson("{\"name\":\"bitmap1\",\"granularity\":0,\"persistent\":false,\"disabled\":false}")));
        assertThatThrownBy(() -> client.instances().debugRepair("vm1", new InstanceDebugRepairPost("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repair.action");
    }

    @Test
    void pushingAnImageToAnotherServerSendsTargetSecretAndCertificate() {
        wireMock.stubFor(post(urlEqualTo("/1.0/images/abc123/export?project=p1"))
                .willReturn(aResponse().withStatus(202).withBody(async("op-push"))));

        OperationHandle push = client.project("p1").images().push("abc123",
                ImageExportPost.to("https://10.0.0.2:8443", "upload-secret", "-----BEGIN CERTIFICATE-----\nX\n")
                        .withAlias("pushed", "from the relay").withProject("p2")).block(WAIT);

        assertThat(push.id()).isEqualTo("op-push");
        wireMock.verify(postRequestedFor(urlEqualTo("/1.0/images/abc123/export?project=p1"))
                .withRequestBody(matchingJsonPath("$.target", equalTo("https://10.0.0.2:8443")))
                .withRequestBody(matchingJsonPath("$.secret", equalTo("upload-secret")))
                .withRequestBody(matchingJsonPath("$.certificate", equalTo("-----BEGIN CERTIFICATE-----\nX\n")))
                .withRequestBody(matchingJsonPath("$.project", equalTo("p2")))
                .withRequestBody(matchingJsonPath("$.aliases",
                        equalToJson("[{\"name\":\"pushed\",\"description\":\"from the relay\"}]"))));
        assertThatThrownBy(() -> client.images().push("abc123", ImageExportPost.to("", "s", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("push.target");
    }
}
