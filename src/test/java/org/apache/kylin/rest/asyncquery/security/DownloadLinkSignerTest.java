package org.apache.kylin.rest.asyncquery.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;

/** A link's signature holds for exactly the query, expiry and format options it was made for, under one key. */
class DownloadLinkSignerTest {
    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final QueryId ID = QueryId.parse("43eeb967-e76a-4214-8932-70594d454013").orElseThrow();
    private static final long EXPIRES = 1_700_000_900L;
    private static final FormatOptions OPTIONS = FormatOptions.builder().format(ResultFormat.CSV).separator(';')
            .includeHeader(true).encoding(FormatOptions.UTF_8).fileName("sales").byteOrderMark(false).build();

    private final DownloadLinkSigner signer = new DownloadLinkSigner(KEY);

    @Test
    void aSignatureIs43CharactersOfBase64UrlAndVerifies() {
        String signature = signer.sign(ID, EXPIRES, OPTIONS);
        assertThat(signature).hasSize(DownloadLinkSigner.SIGNATURE_CHARS).matches("[A-Za-z0-9_-]+");
        assertThat(signer.verify(ID, EXPIRES, OPTIONS, signature)).isTrue();
        assertThat(new DownloadLinkSigner(KEY.clone()).verify(ID, EXPIRES, OPTIONS, signature))
                .as("another server with the same key").isTrue();
    }

    @Test
    void anotherQueryIdOrExpiryDoesNotVerify() {
        String signature = signer.sign(ID, EXPIRES, OPTIONS);
        assertThat(signer.verify(QueryId.random(), EXPIRES, OPTIONS, signature)).isFalse();
        assertThat(signer.verify(ID, EXPIRES + 1, OPTIONS, signature)).isFalse();
        assertThat(signer.verify(ID, EXPIRES - 1, OPTIONS, signature)).isFalse();
    }

    @Test
    void everyFormatOptionIsSigned() {
        String signature = signer.sign(ID, EXPIRES, OPTIONS);
        List<UnaryOperator<FormatOptions.Builder>> changes = Arrays.asList(
                b -> b.format(ResultFormat.JSON), b -> b.separator(','), b -> b.includeHeader(false),
                b -> b.encoding(FormatOptions.GBK), b -> b.fileName("sales2"), b -> b.byteOrderMark(true),
                b -> b.jsonLines(true));
        for (UnaryOperator<FormatOptions.Builder> change : changes) {
            FormatOptions other = change.apply(FormatOptions.builder().format(ResultFormat.CSV).separator(';')
                    .includeHeader(true).encoding(FormatOptions.UTF_8).fileName("sales")).build();
            assertThat(other).isNotEqualTo(OPTIONS);
            assertThat(signer.verify(ID, EXPIRES, other, signature)).as("changed options").isFalse();
        }
    }

    /** Length prefixes: moving characters between the file name and a neighbour never yields the same text. */
    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        FormatOptions a = FormatOptions.builder().fileName("1:x").build();
        FormatOptions b = FormatOptions.builder().fileName("1").build();
        assertThat(DownloadLinkSigner.signedText(ID, EXPIRES, a)).isNotEqualTo(
                DownloadLinkSigner.signedText(ID, EXPIRES, b));
        assertThat(signer.sign(ID, EXPIRES, a)).isNotEqualTo(signer.sign(ID, EXPIRES, b));
    }

    @Test
    void everyCharacterOfTheSignatureCounts() {
        String signature = signer.sign(ID, EXPIRES, OPTIONS);
        for (int i = 0; i < signature.length(); i++) {
            for (char c : "AQgw_-9z".toCharArray()) {
                if (c == signature.charAt(i)) {
                    continue;
                }
                String tampered = signature.substring(0, i) + c + signature.substring(i + 1);
                assertThat(signer.verify(ID, EXPIRES, OPTIONS, tampered)).as(tampered).isFalse();
            }
        }
    }

    @Test
    void whatIsNoSignatureOfTheRightShapeIsRefusedWithoutFuss() {
        String signature = signer.sign(ID, EXPIRES, OPTIONS);
        for (String odd : new String[] {null, "", signature.substring(1), signature + "A", signature + "=",
            signature.replace('-', '+').replace('_', '/') + (signature.matches(".*[-_].*") ? "" : "+"),
            signature.substring(0, 42) + "%", signature.substring(0, 42) + " ", "x".repeat(10_000)}) {
            assertThat(signer.verify(ID, EXPIRES, OPTIONS, odd)).as(String.valueOf(odd)).isFalse();
        }
    }

    @Test
    void anotherKeyDoesNotVerify() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(new DownloadLinkSigner(other).verify(ID, EXPIRES, OPTIONS, signer.sign(ID, EXPIRES, OPTIONS)))
                .isFalse();
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new DownloadLinkSigner(new byte[31])).hasMessageContaining("at least 32 bytes");
    }
}
