package io.github.incus4j.client;

import java.util.regex.Pattern;

/**
 * A server-side filter for collection listings (the {@code filter} query parameter).
 *
 * <p>Incus filters are a flat chain of clauses {@code field op value}, joined by {@code and} or
 * {@code or} and evaluated from left to right; a clause may be negated with {@code not}. There are
 * no parentheses, so this builder only chains:
 *
 * <pre>{@code
 * Filter running = Filter.eq("status", "Running").and(Filter.ne("config.image.os", "Alpine"));
 * Filter notWeb = Filter.not(Filter.eq("name", "web1"));
 * Filter anything = Filter.raw("name eq c1 or name eq c2");
 * }</pre>
 *
 * Fields may be dotted ({@code config.limits.cpu}, {@code expanded_devices.root.pool}). Values with
 * spaces are quoted; a value containing a double quote cannot be written in the filter language
 * and is rejected.
 */
public final class Filter {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private final String expression;
    private final boolean singleClause;

    private Filter(String expression, boolean singleClause) {
        this.expression = expression;
        this.singleClause = singleClause;
    }

    /**
     * A clause that matches when the field equals the value.
     *
     * @param field the field, possibly dotted, such as {@code status} or {@code config.image.os}
     * @param value the value to compare with
     * @return the filter
     */
    public static Filter eq(String field, String value) {
        return clause(field, "eq", value);
    }

    /**
     * A clause that matches when the field differs from the value.
     *
     * @param field the field, possibly dotted
     * @param value the value to compare with
     * @return the filter
     */
    public static Filter ne(String field, String value) {
        return clause(field, "ne", value);
    }

    /**
     * Negates a single clause.
     *
     * @param clause a filter made by {@link #eq} or {@link #ne}
     * @return the negated clause
     * @throws IllegalArgumentException if {@code clause} is a chain, which Incus cannot negate
     */
    public static Filter not(Filter clause) {
        requireSingle("not", clause);
        return new Filter("not " + clause.expression, true);
    }

    /**
     * A filter written in the Incus filter language, sent as it is.
     *
     * @param expression the filter, such as {@code name eq c1 or name eq c2}
     * @return the filter
     * @throws IllegalArgumentException if the expression is blank
     */
    public static Filter raw(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("filter expression must not be blank");
        }
        return new Filter(expression.strip(), false);
    }

    /**
     * Chains another clause with {@code and}; evaluation is left to right.
     *
     * @param clause a single clause
     * @return the longer chain
     */
    public Filter and(Filter clause) {
        requireSingle("and", clause);
        return new Filter(expression + " and " + clause.expression, false);
    }

    /**
     * Chains another clause with {@code or}; evaluation is left to right.
     *
     * @param clause a single clause
     * @return the longer chain
     */
    public Filter or(Filter clause) {
        requireSingle("or", clause);
        return new Filter(expression + " or " + clause.expression, false);
    }

    /**
     * Returns the filter in the Incus filter language, as sent in the {@code filter} parameter.
     *
     * @return the expression
     */
    public String expression() {
        return expression;
    }

    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    private static Filter clause(String field, String operator, String value) {
        if (field == null || !FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("filter field must be letters, digits, '_', '-' or '.', got '"
                    + field + "'");
        }
        if (value == null) {
            throw new IllegalArgumentException("filter value for '" + field + "' must not be null");
        }
        return new Filter(field + " " + operator + " " + quote(field, value), true);
    }

    private static String quote(String field, String value) {
        if (value.indexOf('"') >= 0) {
            throw new IllegalArgumentException("filter value for '" + field
                    + "' contains a double quote, which the Incus filter language cannot express");
        }
        boolean plain = !value.isEmpty() && value.chars().noneMatch(Character::isWhitespace);
        return plain ? value : '"' + value + '"';
    }

    private static void requireSingle(String operator, Filter clause) {
        if (clause == null) {
            throw new IllegalArgumentException("filter clause for '" + operator + "' must not be null");
        }
        if (!clause.singleClause) {
            throw new IllegalArgumentException("'" + operator + "' takes a single clause: Incus filters have no "
                    + "parentheses and are evaluated left to right, so chain clauses one by one");
        }
    }
}
