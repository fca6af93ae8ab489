package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadHeadersTest {
    @Test
    void anAsciiNameIsTheDocumentsPlainForm() {
        assertThat(DownloadHeaders.contentDisposition("result.csv")).isEqualTo("attachment; filename=\"result.csv\"");
    }

    @Test
    void aUnicodeNameUsesRfc5987Encoding() {
        assertThat(DownloadHeaders.contentDisposition("销售 2024.csv"))
                .isEqualTo("attachment; filename*=UTF-8''%E9%94%80%E5%94%AE%202024.csv");
    }

    @Test
    void pathsQuotesAndControlCharactersAreRemoved() {
        assertThat(DownloadHeaders.sanitize("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DownloadHeaders.sanitize("C:\\\\temp\\\\x.csv")).isEqualTo("x.csv");
        assertThat(DownloadHeaders.sanitize("a\"b\r\nSet-Cookie: x.csv")).isEqualTo("abSet-Cookie: x.csv");
        assertThat(DownloadHeaders.sanitize("..")).isEqualTo("result");
        assertThat(DownloadHeaders.contentDisposition("a\"b.csv")).isEqualTo("attachment; filename=\"ab.csv\"");
    }
}
