package io.github.incus4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The filter builder writes the Incus filter language. */
class FilterTest {

    @Test
    void clausesChainLeftToRight() {
        Filter filter = Filter.eq("status", "Running").and(Filter.ne("config.image.os", "Alpine"))
                .or(Filter.not(Filter.eq("name", "c1")));

        assertThat(filter.expression())
                .isEqualTo("status eq Running and config.image.os ne Alpine or not name eq c1");
    }

    @Test
    void valuesWithSpacesAndEmptyValuesAreQuoted() {
        assertThat(Filter.eq("description", "my web server").expression())
                .isEqualTo("description eq \"my web server\"");
        assertThat(Filter.eq("description", "").expression()).isEqualTo("description eq \"\"");
    }

    @Test
    void aValueWithADoubleQuoteCannotBeWritten() {
        assertThatThrownBy(() -> Filter.eq("description", "say \"hi\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'description'")
                .hasMessageContaining("double quote");
    }

    @Test
    void fieldsAreChecked() {
        assertThatThrownBy(() -> Filter.eq("name or 1", "x")).hasMessageContaining("filter field");
        assertThatThrownBy(() -> Filter.eq(null, "x")).hasMessageContaining("filter field");
    }

    @Test
    void chainsCannotBeNestedBecauseIncusHasNoParentheses() {
        Filter chain = Filter.eq("a", "1").or(Filter.eq("b", "2"));

        assertThatThrownBy(() -> Filter.eq("c", "3").and(chain)).hasMessageContaining("no parentheses");
        assertThatThrownBy(() -> Filter.not(chain)).hasMessageContaining("single clause");
    }

    @Test
    void rawFiltersAreSentAsGiven() {
        assertThat(Filter.raw("  name eq c1 or name eq c2 ").expression()).isEqualTo("name eq c1 or name eq c2");
        assertThatThrownBy(() -> Filter.raw(" ")).hasMessageContaining("must not be blank");
    }
}
