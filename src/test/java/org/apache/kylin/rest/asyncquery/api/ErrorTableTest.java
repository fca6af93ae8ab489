package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.junit.jupiter.api.Test;

class ErrorTableTest {
    /** The README's error table is written from {@link ErrorCode} and {@link ErrorStatus}. */
    @Test
    void readmeListsEveryErrorCodeWithItsStatusAndMeaning() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(readme).as(code.name())
                    .contains("| `" + code.name() + "` | " + ErrorStatus.of(code) + " | " + code.description() + " |");
        }
    }

    @Test
    void clientMistakesAre4xxAndOnlyTheServersOwnTroubleIs5xx() {
        for (ErrorCode code : ErrorCode.values()) {
            boolean serverSide = code == ErrorCode.STORAGE_UNAVAILABLE || code == ErrorCode.STORAGE_FULL
                    || code == ErrorCode.INTERNAL_ERROR || code == ErrorCode.SERVER_BUSY;
            assertThat(ErrorStatus.of(code)).as(code.name()).isBetween(serverSide ? 500 : 400, serverSide ? 599 : 499);
        }
    }
}
