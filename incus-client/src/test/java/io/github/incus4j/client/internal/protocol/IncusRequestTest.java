package io.github.incus4j.client.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests as the client expands them: values encoded strictly, names of parameters checked. */
class IncusRequestTest {

    @Test
    void everyCharacterOutsideTheUnreservedSetOfAValueIsPercentEncoded() {
        String expanded = RequestUris.expand(null, "/1.0/instances/{name}?filter={q_filter}",
                Map.of("name", "a b/c?d#e%f&g=h~i.j_k-l", "q_filter", "name eq é")).toString();

        assertThat(expanded).isEqualTo("/1.0/instances/a%20b%2Fc%3Fd%23e%25f%26g%3Dh~i.j_k-l?filter=name%20eq%20%C3%A9");
    }

    @Test
    void queryParameterNamesThatWouldNeedEncodingAreRefused() {
        for (String name : List.of("a b", "a&b", "a=b", "é", "{x}", "")) {
            assertThatThrownBy(() -> IncusRequest.get("/1.0").query(name, "1"))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("query parameter name");
        }
        assertThat(IncusRequest.get("/1.0").query("all-projects", "true").query("x_y.z", null).build().query())
                .containsOnlyKeys("all-projects", "x_y.z");
    }
}
