package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.apache.kylin.rest.asyncquery.vocabulary.ResultFormat;
import org.junit.jupiter.api.Test;

/** Head + lines + tail read exactly as the one-stream writer writes the same rows. */
class PartsFrameTest {
    private static final List<ColumnMeta> COLUMNS = List.of(new ColumnMeta("A \"quoted\"", "INTEGER", Types.INTEGER,
            10, 0), new ColumnMeta("B;C", "VARCHAR", Types.VARCHAR, 10, 0));

    @Test
    void csvHeadIsTheWritersByteOrderMarkAndHeaderAndLinesEndInCrlf() throws IOException {
        FormatOptions options = FormatOptions.builder().separator(';').includeHeader(true).byteOrderMark(true).build();
        String lines = "1;x" + PartsFrame.lineSeparator(options) + "2;y" + PartsFrame.lineSeparator(options);
        assertThat(framed(options, lines)).isEqualTo(written(options));
    }

    @Test
    void jsonArrayIsBracketedAndItsLastCommaCutAndJsonLinesNeedNoFrame() throws IOException {
        FormatOptions array = FormatOptions.builder().format(ResultFormat.JSON).build();
        String sep = PartsFrame.lineSeparator(array);
        assertThat(framed(array, "{\"A \\\"quoted\\\"\":1,\"B;C\":\"x\"}" + sep + "{\"A \\\"quoted\\\"\":2,\"B;C\":\"y\"}"
                + sep)).isEqualTo(written(array));
        FormatOptions lines = FormatOptions.builder().format(ResultFormat.JSON).jsonLines(true).build();
        String lf = PartsFrame.lineSeparator(lines);
        assertThat(framed(lines, "{\"A \\\"quoted\\\"\":1,\"B;C\":\"x\"}" + lf + "{\"A \\\"quoted\\\"\":2,\"B;C\":\"y\"}" + lf))
                .isEqualTo(written(lines));
    }

    @Test
    void binaryFormatsHaveNoLines() {
        FormatOptions xlsx = FormatOptions.builder().format(ResultFormat.XLSX).build();
        assertThatThrownBy(() -> PartsFrame.of(COLUMNS, xlsx)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartsFrame.lineSeparator(xlsx)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String framed(FormatOptions options, String lines) throws IOException {
        PartsFrame frame = PartsFrame.of(COLUMNS, options);
        String body = lines.substring(0, lines.length() - frame.trimLastBytes());
        return new String(frame.head(), StandardCharsets.UTF_8) + body + new String(frame.tail(), StandardCharsets.UTF_8);
    }

    private static String written(FormatOptions options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(false).open(out, COLUMNS, options);
        writer.writeRow(new Object[] {1, "x"});
        writer.writeRow(new Object[] {2, "y"});
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
