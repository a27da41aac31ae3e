package io.github.incus4j.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The runtime state of an instance ({@code GET /1.0/instances/{name}/state}).
 *
 * @param status the status text; compare {@link #statusCode()} instead
 * @param statusCode the status code, such as {@link StatusCode#RUNNING}
 * @param pid the process id of the instance's init, 0 when stopped
 * @param processes the number of processes, or -1 when unknown
 * @param memory memory use
 * @param cpu CPU use
 * @param disk disk use by device name
 * @param network network interfaces by name ({@code null} when stopped)
 * @param startedAt when the instance was started
 * @param extra fields this client version does not know
 */
public record InstanceState(
        String status,
        int statusCode,
        long pid,
        long processes,
        @Nullable Memory memory,
        @Nullable Cpu cpu,
        Map<String, Disk> disk,
        Map<String, Network> network,
        @Nullable Instant startedAt,
        @JsonAnySetter @JsonAnyGetter Map<String, Object> extra) {

    /**
     * Normalises missing fields.
     *
     * @param status the status text; compare {@link #statusCode()} instead
     * @param statusCode the status code, such as {@link StatusCode#RUNNING}
     * @param pid the process id of the instance's init, 0 when stopped
     * @param processes the number of processes, or -1 when unknown
     * @param memory memory use
     * @param cpu CPU use
     * @param disk disk use by device name
     * @param network network interfaces by name ({@code null} when stopped)
     * @param startedAt when the instance was started
     * @param extra fields this client version does not know
     */
    public InstanceState {
        status = Wire.text(status);
        disk = Wire.map(disk);
        network = Wire.map(network);
        extra = Wire.map(extra);
    }

    /**
     * Memory use in bytes.
     *
     * @param usage current use
     * @param usagePeak highest use seen
     * @param total the limit, 0 when unlimited
     * @param swapUsage current swap use
     * @param swapUsagePeak highest swap use seen
     */
    public record Memory(long usage, long usagePeak, long total, long swapUsage, long swapUsagePeak) {
    }

    /**
     * CPU use.
     *
     * @param usage CPU time used, in nanoseconds
     * @param allocatedTime CPU time available, in nanoseconds per second
     */
    public record Cpu(long usage, long allocatedTime) {
    }

    /**
     * Disk use of one device.
     *
     * @param usage bytes used
     * @param total bytes available, 0 when unknown
     */
    public record Disk(long usage, long total) {
    }

    /**
     * One network interface.
     *
     * @param addresses its addresses
     * @param counters traffic counters ({@code bytes_received}, ...)
     * @param hwaddr the MAC address
     * @param hostName the interface name on the host
     * @param mtu the MTU
     * @param state {@code up} or {@code down}
     * @param type the interface type, such as {@code broadcast} or {@code loopback}
     */
    public record Network(
            List<Address> addresses,
            Map<String, Long> counters,
            String hwaddr,
            String hostName,
            int mtu,
            String state,
            String type) {

        /**
         * Normalises missing fields.
         *
         * @param addresses its addresses
         * @param counters traffic counters ({@code bytes_received}, ...)
         * @param hwaddr the MAC address
         * @param hostName the interface name on the host
         * @param mtu the MTU
         * @param state {@code up} or {@code down}
         * @param type the interface type, such as {@code broadcast} or {@code loopback}
         */
        public Network {
            addresses = Wire.list(addresses);
            counters = Wire.map(counters);
            hwaddr = Wire.text(hwaddr);
            hostName = Wire.text(hostName);
            state = Wire.text(state);
            type = Wire.text(type);
        }
    }

    /**
     * One address of a network interface.
     *
     * @param family {@code inet} or {@code inet6}
     * @param address the address
     * @param netmask the prefix length
     * @param scope {@code global}, {@code link} or {@code local}
     */
    public record Address(String family, String address, String netmask, String scope) {
    }
}
