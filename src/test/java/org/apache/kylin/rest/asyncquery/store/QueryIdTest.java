package org.apache.kylin.rest.asyncquery.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryIdTest {
    @Test
    void acceptsCanonicalUuidsInEitherCaseAndNormalisesToLowerCase() {
        assertThat(QueryId.parse("43EEB967-E76A-4214-8932-70594D454013")).get().hasToString(
                "43eeb967-e76a-4214-8932-70594d454013");
        assertThat(QueryId.parse(QueryId.random().toString())).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../43eeb967-e76a-4214-8932-70594d454013",
        "43eeb967-e76a-4214-8932-70594d454013/..", "43eeb967e76a4214893270594d454013",
        "43eeb967-e76a-4214-8932-70594d45401g", " 43eeb967-e76a-4214-8932-70594d454013",
        "43eeb967-e76a-4214-8932-70594d454013\n"})
    void refusesAnythingElse(String text) {
        assertThat(QueryId.parse(text)).isEmpty();
    }
}
