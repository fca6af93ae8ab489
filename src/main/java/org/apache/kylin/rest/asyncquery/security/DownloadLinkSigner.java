package org.apache.kylin.rest.asyncquery.security;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;

/**
 * Signs and checks download links: an HMAC-SHA256, in base64url without padding, over the query ID, the expiry
 * (epoch seconds) and every format option of the query, so a link names one result exactly and cannot be stretched
 * to another query or a later time. Every server sharing a working directory holds the same key, so a link made on
 * one is good on all. Signatures are compared in constant time.
 */
public final class DownloadLinkSigner {
    /** The length of every signature this signer makes: 32 bytes in base64url, without padding. */
    public static final int SIGNATURE_CHARS = 43;
    private static final String ALGORITHM = "HmacSHA256";
    /** Names this layout of the signed text, so that a future layout can never collide with it. */
    private static final String VERSION = "kylin-async-query download link v1";

    private final SecretKeySpec key;

    public DownloadLinkSigner(byte[] key) {
        requireNonNull(key, "key is null");
        if (key.length < 32) {
            throw new IllegalArgumentException("A download link key needs at least 32 bytes, not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    /** The signature of a link to {@code id}'s result, written with {@code options}, valid until the expiry. */
    public String sign(QueryId id, long expiresEpochSeconds, FormatOptions options) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(id, expiresEpochSeconds, options));
    }

    /**
     * Whether {@code signature} is this signer's for the same query, expiry and options. Anything that is not a
     * signature of the right length in base64url is simply not one.
     */
    public boolean verify(QueryId id, long expiresEpochSeconds, FormatOptions options, String signature) {
        if (signature == null || signature.length() != SIGNATURE_CHARS) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notBase64Url) {
            return false;
        }
        // A last character that differs only in its unused bits decodes alike: only the exact text sign() makes passes.
        return MessageDigest.isEqual(mac(id, expiresEpochSeconds, options), given)
                && Base64.getUrlEncoder().withoutPadding().encodeToString(given).equals(signature);
    }

    private byte[] mac(QueryId id, long expiresEpochSeconds, FormatOptions options) {
        requireNonNull(id, "id is null");
        requireNonNull(options, "options is null");
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(signedText(id, expiresEpochSeconds, options));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has " + ALGORITHM, e);
        }
    }

    /** Each field length-prefixed, so no choice of a file name can make two different links sign the same text. */
    static byte[] signedText(QueryId id, long expiresEpochSeconds, FormatOptions options) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        for (String field : new String[] {VERSION, id.toString(), Long.toString(expiresEpochSeconds),
            options.format().name(), String.valueOf((int) options.separator()),
            String.valueOf(options.includeHeader()), options.encoding(), options.fileName(),
            String.valueOf(options.byteOrderMark()), String.valueOf(options.jsonLines()),
            options.compression().name()}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            byte[] length = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
            text.write(length, 0, length.length);
            text.write(bytes, 0, bytes.length);
        }
        return text.toByteArray();
    }
}
