package io.github.incus4j.client.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.internal.protocol.IncusJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

/**
 * A {@code recursion=2} instance read in one pass: the full fields go into their records, the
 * rest is the instance, and nothing of the full fields leaks into the instance's unknown fields.
 */
class InstanceFullReadingTest {

    @Test
    void theFullFieldsAreReadIntoTheirRecordsAndTheRestIsTheInstance() {
        String json = """
                {"name":"c1","status":"Running","status_code":103,"config":{"limits.cpu":"2"},
                 "state":{"status":"Running","status_code":103,"pid":42},
                 "snapshots":[{"name":"snap0","stateful":false}],
                 "backups":null,
                 "profiles":["default"],
                 "from_a_newer_daemon":{"kept":[1,2]}}
                """;

        InstanceFull full = IncusJson.mapper().readValue(json, InstanceFull.class);

        assertThat(full.instance().name()).isEqualTo("c1");
        assertThat(full.instance().config()).containsEntry("limits.cpu", "2");
        assertThat(full.instance().profiles()).containsExactly("default");
        assertThat(full.instance().extra()).containsOnlyKeys("from_a_newer_daemon");
        assertThat(full.state().pid()).isEqualTo(42);
        assertThat(full.snapshots()).extracting(InstanceSnapshot::name).containsExactly("snap0");
        assertThat(full.backups()).isEmpty();
    }

    @Test
    void aListOfThemIsReadAndAMissingStateStaysNull() {
        List<InstanceFull> list = IncusJson.mapper().readValue("[{\"name\":\"a\"},{\"name\":\"b\",\"state\":null}]",
                IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, InstanceFull.class));

        assertThat(list).extracting(full -> full.instance().name()).containsExactly("a", "b");
        assertThat(list).allSatisfy(full -> {
            assertThat(full.state()).isNull();
            assertThat(full.snapshots()).isEmpty();
        });
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() {
        assertThatThrownBy(() -> IncusJson.mapper().readValue("[\"c1\"]",
                IncusJson.mapper().getTypeFactory().constructCollectionType(List.class, InstanceFull.class)))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("InstanceFull");
    }
}
