package io.github.incus4j.client.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.incus4j.client.exception.IncusNotFoundException;
import io.github.incus4j.client.exception.IncusProtocolException;
import io.github.incus4j.client.model.Server;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JavaType;

/**
 * The envelope read in one streaming pass, with its metadata located and read later straight into
 * the type asked for: every envelope shape the daemon (or something in front of it) may send.
 */
class ResponseParserTest {

    private static final IncusRequest REQUEST = IncusRequest.get("/1.0").build();

    private static IncusResponse parse(String body) {
        return ResponseParser.parse(REQUEST, 200, "OK", body.getBytes(StandardCharsets.UTF_8), "\"e1\"", null);
    }

    @Test
    void objectMetadataIsReadIntoTheTypeAskedForAndAsATree() {
        IncusResponse response = parse("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,"
                + "\"metadata\":{\"api_version\":\"1.0\",\"auth\":\"trusted\",\"api_extensions\":[\"a\",\"b\"]},"
                + "\"operation\":\"\"}");

        assertThat(response.metadataKind()).isEqualTo(IncusResponse.MetadataKind.OBJECT);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.etag()).isEqualTo("\"e1\"");
        Server server = response.metadataAs(Server.class);
        assertThat(server.auth()).isEqualTo("trusted");
        assertThat(server.apiExtensions()).containsExactly("a", "b");
        assertThat(response.metadata().path("api_version").asString()).isEqualTo("1.0");
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreSkipped() {
        IncusResponse response = parse("{\"metadata\":[\"/1.0/instances/c1\"],\"extra\":{\"nested\":[1,{\"x\":null}]},"
                + "\"status_code\":202,\"type\":\"async\",\"operation\":\"/1.0/operations/42\"}");

        assertThat(response.isAsync()).isTrue();
        assertThat(response.operation()).isEqualTo("/1.0/operations/42");
        assertThat(response.metadataKind()).isEqualTo(IncusResponse.MetadataKind.ARRAY);
        assertThat(response.<List<String>>metadataAs(IncusJson.mapper().getTypeFactory()
                .constructCollectionType(List.class, String.class))).containsExactly("/1.0/instances/c1");
    }

    @Test
    void nullAndMissingMetadataReadAsNullAndAsANullNode() {
        for (String body : List.of("{\"type\":\"sync\",\"metadata\":null}", "{\"type\":\"sync\"}")) {
            IncusResponse response = parse(body);
            assertThat(response.metadataKind()).isEqualTo(IncusResponse.MetadataKind.NULL);
            assertThat(response.metadata().isNull()).isTrue();
            assertThat(response.metadataAs(Server.class)).isNull();
        }
    }

    @Test
    void scalarMetadataKeepsItsExactText() {
        IncusResponse text = parse("{\"type\":\"sync\",\"metadata\":\"caf\\u00e9 \\\"quoted\\\" ☃\",\"status_code\":200}");
        IncusResponse number = parse("{\"type\":\"sync\",\"metadata\":12345,\"status_code\":200}");

        assertThat(text.metadataKind()).isEqualTo(IncusResponse.MetadataKind.SCALAR);
        assertThat(text.metadataAs(String.class)).isEqualTo("café \"quoted\" ☃");
        assertThat(number.metadataAs(Long.class)).isEqualTo(12345L);
    }

    @Test
    void anErrorEnvelopeBecomesItsExceptionWhateverTheFieldOrder() {
        byte[] body = "{\"metadata\":{},\"error\":\"not found\",\"error_code\":404,\"type\":\"error\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ResponseParser.parse(REQUEST, 404, "Not Found", body, null, null))
                .isInstanceOfSatisfying(IncusNotFoundException.class,
                        e -> assertThat(e.serverMessage()).isEqualTo("not found"));
    }

    @Test
    void malformedBodiesAreProtocolErrorsWithAnExcerpt() {
        Map<String, String> bodies = Map.of(
                "{\"type\":\"sync\",\"metadata\":{\"a\":[1,2", "not valid JSON",
                "[1,2,3]", "not a JSON object",
                "{\"type\":\"sync\",\"metadata\":{}} trailing", "not valid JSON",
                "{\"status\":\"Success\",\"metadata\":{}}", "no Incus envelope type");
        bodies.forEach((body, expected) -> assertThatThrownBy(() -> parse(body))
                .as(body)
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("GET /1.0")
                .hasMessageContaining(expected));
    }

    @Test
    void metadataOfTheWrongShapeFailsWhenReadNamingTheType() {
        IncusResponse response = parse("{\"type\":\"sync\",\"metadata\":{\"api_extensions\":{\"not\":\"a list\"}}}");

        assertThatThrownBy(() -> response.metadataAs(Server.class))
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("expected shape")
                .hasMessageContaining("Server");
    }

    @Test
    void metadataAskedForUpFrontIsReadInTheSamePassAndKeptForThatType() {
        JavaType server = IncusJson.mapper().constructType(Server.class);
        byte[] body = ("{\"type\":\"sync\",\"status_code\":200,\"metadata\":{\"auth\":\"trusted\"},"
                + "\"operation\":\"\"}").getBytes(StandardCharsets.UTF_8);

        IncusResponse response = ResponseParser.parse(REQUEST, 200, "OK", body, null, null, server);

        assertThat(response.<Server>metadataAs(server)).isSameAs(response.<Server>metadataAs(server));
        assertThat(response.<Server>metadataAs(server).auth()).isEqualTo("trusted");
        assertThat(response.metadata().path("auth").asString()).isEqualTo("trusted");
        assertThat(response.metadataAs(Map.class)).containsEntry("auth", "trusted");
    }

    @Test
    void metadataBeforeTheTypeIsLocatedAndReadLaterAndAWrongShapeFailsAtOnce() {
        JavaType server = IncusJson.mapper().constructType(Server.class);
        byte[] late = "{\"metadata\":{\"auth\":\"untrusted\"},\"type\":\"sync\"}".getBytes(StandardCharsets.UTF_8);
        byte[] wrong = "{\"type\":\"sync\",\"metadata\":{\"api_extensions\":7}}".getBytes(StandardCharsets.UTF_8);

        assertThat(ResponseParser.parse(REQUEST, 200, "OK", late, null, null, server).<Server>metadataAs(server)
                .auth()).isEqualTo("untrusted");
        assertThatThrownBy(() -> ResponseParser.parse(REQUEST, 200, "OK", wrong, null, null, server))
                .isInstanceOf(IncusProtocolException.class)
                .hasMessageContaining("expected shape")
                .hasMessageContaining("Server");
    }
}
