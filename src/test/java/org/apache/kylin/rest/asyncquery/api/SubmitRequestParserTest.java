package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.SubmitRequest;
import org.apache.kylin.rest.asyncquery.vocabulary.Compression;
import org.junit.jupiter.api.Test;

class SubmitRequestParserTest {
    private final SubmitRequestParser parser = new SubmitRequestParser(1000);

    @Test
    void readsTheKylinDocumentsFields() {
        SubmitRequest request = parse("{\"sql\":\"select * from p_lineorder\",\"offset\":0,\"limit\":50000,"
                + "\"acceptPartial\":false,\"project\":\"ssb\"}");
        assertThat(request.sql()).isEqualTo("select * from p_lineorder");
        assertThat(request.project()).isEqualTo("ssb");
        assertThat(request.offset()).isZero();
        assertThat(request.limit()).isEqualTo(50000);
        assertThat(request.formatOptions().separator()).isEqualTo(',');
        assertThat(request.formatOptions().includeHeader()).isFalse();
    }

    @Test
    void readsTheKapArrayFormAndProjectName() {
        SubmitRequest request = parse("[{\"sql\":\"select 1\",\"separator\":\"|\",\"projectName\":\"tpch\"}]");
        assertThat(request.project()).isEqualTo("tpch");
        assertThat(request.formatOptions().separator()).isEqualTo('|');
    }

    @Test
    void defaultsToTheDefaultProjectAndAcceptsLenientScalars() {
        SubmitRequest request = parse("{\"sql\":\"select 1\",\"limit\":\"20\",\"include_header\":\"true\","
                + "\"unknownField\":[1,2]}");
        assertThat(request.project()).isEqualTo("DEFAULT");
        assertThat(request.limit()).isEqualTo(20);
        assertThat(request.formatOptions().includeHeader()).isTrue();
    }

    @Test
    void refusesWithAMessageNamingTheField() {
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"limit\":-1}"))
                .isInstanceOf(AsyncQueryException.class).hasMessageContaining("'limit'");
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"separator\":\"\\r\"}"))
                .hasMessageContaining("'separator'");
        assertThatThrownBy(() -> parse("{\"sql\":[]}")).hasMessageContaining("'sql' must be a string");
        assertThatThrownBy(() -> parse("{\"sql\":\"x\"} trailing")).isInstanceOf(AsyncQueryException.class);
    }

    @Test
    void compressionDefaultsPerFormatAndIsReadCaseInsensitively() {
        assertThat(parse("{\"sql\":\"select 1\"}").formatOptions().compression()).isEqualTo(Compression.NONE);
        assertThat(parse("{\"sql\":\"select 1\",\"format\":\"parquet\"}").formatOptions().compression())
                .isEqualTo(Compression.SNAPPY);
        assertThat(parse("{\"sql\":\"select 1\",\"format\":\"parquet\",\"compression\":\" ZSTD \"}")
                .formatOptions().compression()).isEqualTo(Compression.ZSTD);
        assertThat(parse("{\"sql\":\"select 1\",\"format\":\"parquet\",\"compression\":\"none\"}")
                .formatOptions().compression()).isEqualTo(Compression.NONE);
        assertThat(parse("{\"sql\":\"select 1\",\"format\":\"json\",\"compression\":\"gzip\"}")
                .formatOptions().compression()).isEqualTo(Compression.GZIP);
        assertThat(parse("{\"sql\":\"select 1\",\"compression\":\"zstd\"}").formatOptions().compression())
                .isEqualTo(Compression.ZSTD);
    }

    @Test
    void refusesACompressionTheFormatCannotBeStoredWith() {
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"compression\":\"brotli\"}"))
                .isInstanceOf(AsyncQueryException.class)
                .hasMessage("Field 'compression' is 'brotli'; csv can be stored with: none, zstd, gzip.");
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"compression\":\"snappy\"}"))
                .hasMessageContaining("'compression' is 'snappy'");
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"format\":\"xlsx\",\"compression\":\"gzip\"}"))
                .hasMessage("Field 'compression' is 'gzip'; xlsx can be stored with: none.");
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"compression\":\"\"}"))
                .hasMessageContaining("'compression' is ''");
        assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"compression\":{\"level\":1}}"))
                .isInstanceOf(AsyncQueryException.class).hasMessageContaining("'compression'");
    }

    @Test
    void refusesSqlLongerThanTheLimit() {
        assertThatThrownBy(() -> parse("{\"sql\":\"select '" + "x".repeat(1000) + "'\"}"))
                .isInstanceOf(AsyncQueryException.class).hasMessageContaining("kylin.query.async.max-sql-length");
    }

    @Test
    void decodesTheDeclaredCharset() {
        String json = "{\"sql\":\"select '日本' as X\"}";
        assertThat(parser.parse(json.getBytes(java.nio.charset.Charset.forName("GBK")), "GBK").sql())
                .isEqualTo("select '日本' as X");
        assertThat(parser.parse(json.getBytes(StandardCharsets.UTF_8), "utf-8").sql()).isEqualTo("select '日本' as X");
        assertThatThrownBy(() -> parser.parse(json.getBytes(StandardCharsets.UTF_8), "no-such-charset"))
                .hasMessageContaining("no-such-charset");
    }

    @Test
    void readsTheClientRequestIdAsSentAndWaitsNotByDefault() {
        SubmitRequest plain = parse("{\"sql\":\"select 1\"}");
        assertThat(plain.clientRequestId()).isEmpty();
        assertThat(plain.waitTimeoutSeconds()).isZero();

        SubmitRequest retryable = parse("{\"sql\":\"select 1\",\"client_request_id\":\" nightly 7 \","
                + "\"wait_timeout_seconds\":50}");
        assertThat(retryable.clientRequestId()).hasValue(" nightly 7 ");
        assertThat(retryable.waitTimeoutSeconds()).isEqualTo(50);
        assertThat(parse("{\"sql\":\"select 1\",\"client_request_id\":\"" + "k".repeat(128) + "\","
                + "\"wait_timeout_seconds\":\"0\"}").clientRequestId().orElseThrow()).hasSize(128);
        assertThat(parse("{\"sql\":\"select 1\",\"wait_timeout_seconds\":\" 12 \"}").waitTimeoutSeconds())
                .isEqualTo(12);
        assertThat(parse("{\"sql\":\"select 1\",\"client_request_id\":null,\"wait_timeout_seconds\":null}")
                .clientRequestId()).isEmpty();
    }

    @Test
    void refusesABlankOrLongClientRequestIdAndAWaitOutsideZeroToFifty() {
        for (String bad : new String[] {"\"\"", "\"   \"", "\"" + "k".repeat(129) + "\"", "7", "true", "{}"}) {
            assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"client_request_id\":" + bad + "}"))
                    .as(bad).isInstanceOf(AsyncQueryException.class).hasMessageContaining("'client_request_id'");
        }
        for (String bad : new String[] {"51", "-1", "1.5", "\"ten\"", "\"51\"", "true", "[]", "1e1",
            "99999999999999999999"}) {
            assertThatThrownBy(() -> parse("{\"sql\":\"select 1\",\"wait_timeout_seconds\":" + bad + "}"))
                    .as(bad).isInstanceOf(AsyncQueryException.class).hasMessageContaining("'wait_timeout_seconds'")
                    .extracting(e -> ((AsyncQueryException) e).code().name()).isEqualTo("INVALID_REQUEST");
        }
    }

    private SubmitRequest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
