package org.apache.kylin.rest.asyncquery.vocabulary;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A query's ID: a canonical lower-case UUID. Only a value that passed {@link #parse} ever becomes part of a
 * path, which is what keeps client input from reaching outside the query's folder.
 */
public final class QueryId {
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String value;

    private QueryId(String value) {
        this.value = value;
    }

    public static QueryId random() {
        return new QueryId(UUID.randomUUID().toString());
    }

    /** The ID spelled by {@code text}, or empty when it is not a UUID in the canonical 8-4-4-4-12 form. */
    public static Optional<QueryId> parse(String text) {
        requireNonNull(text, "text is null");
        String lower = text.toLowerCase(Locale.ROOT);
        return CANONICAL.matcher(lower).matches() ? Optional.of(new QueryId(lower)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueryId && value.equals(((QueryId) o).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
