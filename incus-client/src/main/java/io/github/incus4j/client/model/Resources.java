package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The host's hardware as the daemon sees it ({@code GET /1.0/resources}).
 *
 * <p>The parts most callers need are typed; the deep, hardware-specific parts (GPU, network and PCI
 * cards, USB devices, firmware) are kept as JSON-shaped maps.
 *
 * @param cpu processors
 * @param memory memory
 * @param storage disks
 * @param load load averages and process count
 * @param gpu GPUs ({@code cards}, {@code total})
 * @param network network cards
 * @param pci PCI devices
 * @param usb USB devices
 * @param serial serial devices
 * @param system the system: vendor, product, firmware, chassis
 * @param extra fields this client version does not know
 */
public record Resources(
        @Nullable ResourcesCpu cpu,
        @Nullable ResourcesMemory memory,
        @Nullable ResourcesStorage storage,
        @Nullable ResourcesLoad load,
        Map<String, Object> gpu,
        Map<String, Object> network,
        Map<String, Object> pci,
        Map<String, Object> usb,
        Map<String, Object> serial,
        Map<String, Object> system,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param cpu processors
     * @param memory memory
     * @param storage disks
     * @param load load averages and process count
     * @param gpu GPUs ({@code cards}, {@code total})
     * @param network network cards
     * @param pci PCI devices
     * @param usb USB devices
     * @param serial serial devices
     * @param system the system: vendor, product, firmware, chassis
     * @param extra fields this client version does not know
     */
    public Resources {
        gpu = Wire.map(gpu);
        network = Wire.map(network);
        pci = Wire.map(pci);
        usb = Wire.map(usb);
        serial = Wire.map(serial);
        system = Wire.map(system);
        extra = Wire.map(extra);
    }
}
