package io.github.incus4j.test.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesTheShapesTokensAndDocumentsUse() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("s", "a\"b\\c\nd\u0001");
        document.put("n", 42L);
        document.put("i", 7);
        document.put("d", 1.5);
        document.put("t", true);
        document.put("z", null);
        document.put("l", List.of("x", 1L));
        document.put("m", Map.of("k", "v"));

        assertThat(Json.write(document))
                .isEqualTo("{\"s\":\"a\\\"b\\\\c\\nd\\u0001\",\"n\":42,\"i\":7,\"d\":1.5,\"t\":true,\"z\":null,"
                        + "\"l\":[\"x\",1],\"m\":{\"k\":\"v\"}}");
    }

    @Test
    void readsWhatItWrites() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("text", "é ü \u2028 \"quoted\" \t");
        document.put("big", 9_007_199_254_740_993L);
        document.put("list", List.of(List.of(), Map.of(), -3L, 2.25, false));
        document.put("null", null);

        assertThat(Json.readObject(Json.write(document))).isEqualTo(document);
    }

    @Test
    void readsEscapesAndWhitespace() {
        assertThat(Json.read(" { \"a\" : [ 1 , \"\\u0041\\/\" ] , \"b\":-1e3 } "))
                .isEqualTo(Map.of("a", List.of(1L, "A/"), "b", -1000.0));
    }

    @Test
    void refusesBrokenJson() {
        for (String broken : List.of("", "{", "{\"a\":1,}", "[1 2]", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "tru",
                "\"open", "{a:1}", "-", "\"\\x\"")) {
            assertThatThrownBy(() -> Json.read(broken)).as(broken).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Invalid JSON at offset");
        }
        assertThatThrownBy(() -> Json.readObject("[]")).hasMessageContaining("Expected a JSON object");
    }

    @Test
    void refusesValuesWithoutJsonForm() {
        assertThatThrownBy(() -> Json.write(new Object())).hasMessageContaining("Cannot write a java.lang.Object");
        assertThatThrownBy(() -> Json.write(Double.NaN)).hasMessageContaining("no representation");
        assertThatThrownBy(() -> Json.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
    }

    @Test
    void limitsNesting() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> Json.read(deep)).hasMessageContaining("nested deeper");
    }
}
