package org.apache.kylin.rest.asyncquery.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.FormatOptions;
import org.junit.jupiter.api.Test;

class CsvResultWriterTest {
    private static final List<ColumnMeta> COLUMNS = List.of(
            new ColumnMeta("NAME", "VARCHAR", Types.VARCHAR, 0, 0),
            new ColumnMeta("AMOUNT", "DECIMAL", Types.DECIMAL, 19, 4));

    @Test
    void quotesOnlyFieldsHoldingSeparatorQuoteOrLineBreak() throws IOException {
        String csv = write(',', false, new Object[] {"plain", 1}, new Object[] {"a,b", 2},
                new Object[] {"say \"hi\"", 3}, new Object[] {"two\nlines", 4}, new Object[] {"cr\rhere", 5});
        assertThat(csv).isEqualTo("plain,1\r\n\"a,b\",2\r\n\"say \"\"hi\"\"\",3\r\n\"two\nlines\",4\r\n"
                + "\"cr\rhere\",5\r\n");
    }

    @Test
    void usesTheChosenSeparatorAndWritesTheHeaderOnRequest() throws IOException {
        String csv = write('|', true, new Object[] {"a,b", "x|y"});
        assertThat(csv).isEqualTo("NAME|AMOUNT\r\na,b|\"x|y\"\r\n");
    }

    @Test
    void nullIsAnEmptyField() throws IOException {
        assertThat(write(',', false, new Object[] {"x", null})).isEqualTo("x,\r\n");
    }

    @Test
    void decimalsKeepTheirScaleAndNeverUseExponents() throws IOException {
        String csv = write(',', false, new Object[] {new BigDecimal("1.5000"), new BigDecimal("1E+3")},
                new Object[] {1.0E7, 1.0E-5});
        assertThat(csv).isEqualTo("1.5000,1000\r\n10000000,0.00001\r\n");
    }

    @Test
    void datesAndTimestampsHaveOneTextForm() throws IOException {
        String csv = write(',', false,
                new Object[] {LocalDate.of(2012, 1, 2), LocalDateTime.of(2012, 1, 2, 3, 4, 5)},
                new Object[] {LocalDateTime.of(2012, 1, 2, 3, 4, 5, 120_000_000), null});
        assertThat(csv).isEqualTo("2012-01-02,2012-01-02 03:04:05\r\n2012-01-02 03:04:05.12,\r\n");
    }

    @Test
    void formulaEscapingPrefixesRiskyTextButNotNumbers() throws IOException {
        String csv = write(true, ',', false, new Object[] {"=SUM(A1)", -5}, new Object[] {"+1", "@x"},
                new Object[] {"-2", "\tab"}, new Object[] {"plain", "a=b"});
        assertThat(csv).isEqualTo("'=SUM(A1),-5\r\n'+1,'@x\r\n'-2,'\tab\r\nplain,a=b\r\n");
        assertThat(write(false, ',', false, new Object[] {"=SUM(A1)", "x"})).isEqualTo("=SUM(A1),x\r\n");
    }

    @Test
    void writesUtf8() throws IOException {
        assertThat(write(',', false, new Object[] {"中国", "Zürich"})).isEqualTo("中国,Zürich\r\n");
    }

    private static String write(char separator, boolean header, Object[]... rows) throws IOException {
        return write(false, separator, header, rows);
    }

    private static String write(boolean escapeFormulas, char separator, boolean header, Object[]... rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter writer = new ResultWriterFactory(escapeFormulas).open(out, COLUMNS,
                FormatOptions.builder().separator(separator).includeHeader(header).build());
        for (Object[] row : rows) {
            writer.writeRow(row);
        }
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
