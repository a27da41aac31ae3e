package io.github.incus4j.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsTheShapesOfAClusterMemberList() {
        Object parsed = Json.parse("""
                [ {"server_name": "member1", "roles": ["database-leader", "database"], "database": true,
                   "status": "Online", "message": "Fully operational", "config": {}, "failure": null},
                  {"server_name": "member2", "roles": [], "status": "Offline", "n": -1.5e2} ]
                """);

        List<Object> members = Json.array(parsed, "members");
        assertThat(members).hasSize(2);
        Map<String, Object> first = Json.object(members.get(0), "member");
        assertThat(first).containsEntry("server_name", "member1")
                .containsEntry("roles", List.of("database-leader", "database"))
                .containsEntry("database", true)
                .containsEntry("config", Map.of())
                .containsEntry("failure", null);
        assertThat(first.keySet()).startsWith("server_name", "roles");
        Map<String, Object> second = Json.object(members.get(1), "member");
        assertThat(second.get("n")).isEqualTo(-150.0);
        assertThat(Json.string(second, "status")).isEqualTo("Offline");
        assertThat(Json.string(second, "missing")).isEmpty();
    }

    @Test
    void decodesEscapes() {
        assertThat(Json.parse("\"a\\\"b\\\\c\\/d\\n\\u00e9\\u0026\"")).isEqualTo("a\"b\\c/d\né&");
    }

    @Test
    void rejectsWhatIsNotOneValue() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a member name");
        assertThatThrownBy(() -> Json.parse("[1] 2")).hasMessageContaining("after the value");
        assertThatThrownBy(() -> Json.parse("\"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("")).hasMessageContaining("end of input");
        assertThatThrownBy(() -> Json.object(List.of(), "the answer")).hasMessageContaining("the answer");
    }
}
