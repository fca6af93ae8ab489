package org.apache.kylin.rest.asyncquery.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class AuditLogTest {
    /** Whatever a reader of the line might take for a field or record boundary, or might not see at all. */
    private static final Pattern BREAKS_OR_HIDES = Pattern.compile(
            "[\\s\\h\\v\\p{Z}\\p{C}\\p{javaWhitespace}\\p{javaSpaceChar}\\p{javaISOControl}=\"]");

    @Test
    void theCharactersTheIssueNamesBecomeUnderscores() {
        for (char c : new char[] {'\u2028', '\u2029', '\u0085', '\u00A0', '\u2007', '\u202F', ' ', '\t', '\n', '\r',
                '\u000B', '\f', '\u0000', '\u001B', '\u007F', '\u3000', '\u1680', '\u2000', '\u200A', '\u205F',
                '\u200B', '\u200E', '\u202E', '\u2066', '\uFEFF', '\u180E', '=', '"'}) {
            assertThat(AuditLog.clean("a" + c + "b")).as("U+%04X", (int) c).isEqualTo("a_b");
        }
    }

    /**
     * Every code point of Unicode, alone and between letters: the cleaned value never holds a space, a line break
     * or an invisible character by any of Java's definitions, and a letter stays what it was.
     */
    @Test
    void noCodePointSurvivesThatBreaksOrHidesInTheLine() {
        List<String> survivors = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String cleaned = AuditLog.clean("a" + new String(Character.toChars(codePoint)) + "b");
            if (BREAKS_OR_HIDES.matcher(cleaned).find() || cleaned.lines().count() != 1
                    || cleaned.codePoints().anyMatch(AuditLogTest::isSpaceOrInvisible)) {
                survivors.add(String.format("U+%04X", codePoint));
            }
        }
        assertThat(survivors).isEmpty();
    }

    @Test
    void loneSurrogatesAreReplacedAndPairsKept() {
        assertThat(AuditLog.clean("x\uD800y\uDC00z")).isEqualTo("x_y_z");
        assertThat(AuditLog.clean("emoji\uD83D\uDE00")).isEqualTo("emoji\uD83D\uDE00");
    }

    @Test
    void ordinaryTextIsKeptAndEmptyIsADash() {
        assertThat(AuditLog.clean("learn_kylin")).isEqualTo("learn_kylin");
        assertThat(AuditLog.clean("中文-Ελληνικά-é")).isEqualTo("中文-Ελληνικά-é");
        assertThat(AuditLog.clean("")).isEqualTo("-");
        assertThat(AuditLog.clean(null)).isEqualTo("-");
    }

    @Test
    void longValuesAreCutAtTwoHundredCodePointsWithoutSplittingAPair() {
        assertThat(AuditLog.clean("x".repeat(500))).hasSize(200);
        String cut = AuditLog.clean("\uD83D\uDE00".repeat(300));
        assertThat(cut.codePointCount(0, cut.length())).isEqualTo(200);
        assertThat(cut.chars().filter(c -> Character.isSurrogate((char) c)).count()).isEqualTo(400);
    }

    private static boolean isSpaceOrInvisible(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
                || Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }
}
