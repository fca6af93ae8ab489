package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.zstd.ZstdInputStream;

/** Every export format and download feature, through the real server and engine, read back by real readers. */
class FormatsE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());
    private static final String SAMPLE = "select TRANS_ID, PART_DT, LSTG_FORMAT_NAME, PRICE, OPS_REGION from KYLIN_SALES "
            + "order by TRANS_ID limit 50";

    @TempDir
    Path temp;

    @Test
    void jsonXlsxAndParquetDownloadsReadBackWithTheirTypes() throws Exception {
        ApiClient admin = SERVER.admin();
        JsonNode json = admin.get("/async_query/" + export("json", "") + "/result").json();
        assertThat(json).hasSize(50);
        assertThat(json.get(0).get("TRANS_ID").isIntegralNumber()).isTrue();
        assertThat(json.get(0).get("PRICE").toString()).matches("-?\\d+\\.\\d{4}");
        assertThat(json.get(0).get("PART_DT").asText()).matches("\\d{4}-\\d{2}-\\d{2}");

        ApiClient.Response xlsx = admin.get("/async_query/" + export("xlsx", ",\"include_header\":true") + "/result");
        assertThat(xlsx.header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
            assertThat(workbook.getSheetAt(0).getRow(0).getCell(3).getStringCellValue()).isEqualTo("PRICE");
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(50);
        }

        ApiClient.Response parquet = admin.get("/async_query/" + export("parquet", "") + "/result");
        assertThat(parquet.header("Content-Disposition")).isEqualTo("attachment; filename=\"result.parquet\"");
        Path file = temp.resolve("r.parquet");
        Files.write(file, parquet.bytes());
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
            Group first = reader.read();
            assertThat(first.getLong("TRANS_ID", 0)).isZero();
            assertThat(first.getType().getType("PRICE").getLogicalTypeAnnotation().toString())
                    .isEqualTo("DECIMAL(19,4)");
        }
    }

    /**
     * {@code compression} for Parquet reaches the file: the footer of every column chunk names the codec asked for
     * (Snappy when none is), and parquet-hadoop's reader, decompressing with its own native codecs, reads it.
     */
    @Test
    void parquetIsCompressedWithTheCodecAskedFor() throws Exception {
        for (String compression : List.of("zstd", "ZSTD", "gzip", "none", "")) {
            String id = export("parquet", compression.isEmpty() ? "" : ",\"compression\":\"" + compression + "\"");
            ApiClient.Response download = SERVER.admin().get("/async_query/" + id + "/result");
            assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"result.parquet\"");
            assertThat(download.header("Content-Encoding")).isNull();
            Path file = temp.resolve(id + ".parquet");
            Files.write(file, download.bytes());
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
            java.util.Set<String> codecs = new java.util.TreeSet<>();
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(path,
                    new Configuration()))) {
                reader.getFooter().getBlocks().forEach(block -> block.getColumns()
                        .forEach(column -> codecs.add(column.getCodec().name())));
            }
            String expected = compression.isEmpty() ? "SNAPPY"
                    : compression.equals("none") ? "UNCOMPRESSED" : compression.toUpperCase(java.util.Locale.ROOT);
            assertThat(codecs).as(compression).containsExactly(expected);
            long rows = 0;
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path)
                    .withConf(new Configuration()).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    assertThat(row.getLong("TRANS_ID", 0)).isEqualTo(rows++);
                }
            }
            assertThat(rows).isEqualTo(50);
            assertThat(SERVER.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                    .isEqualTo(download.bytes().length);
        }
    }

    @Test
    void csvInGbkWithAChineseFileNameAndAGbkUnsafeValueFailsClearly() throws Exception {
        ApiClient admin = SERVER.admin();
        String id = admin.runToSuccess("{\"sql\":\"select '销售' as 名称, 1 as N\",\"encode\":\"gbk\","
                + "\"file_name\":\"销售报表\",\"include_header\":true}");
        ApiClient.Response download = admin.get("/async_query/" + id + "/result");
        assertThat(download.header("Content-Type")).isEqualTo("text/csv;charset=gbk");
        assertThat(download.header("Content-Disposition"))
                .isEqualTo("attachment; filename*=UTF-8''%E9%94%80%E5%94%AE%E6%8A%A5%E8%A1%A8.csv");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new InputStreamReader(
                new ByteArrayInputStream(download.bytes()), Charset.forName("GBK"))).getRecords();
        assertThat(records.get(0).values()).containsExactly("名称", "N");
        assertThat(records.get(1).values()).containsExactly("销售", "1");

        String emoji = admin.submit("{\"sql\":\"select 'smile 😀' as S\",\"encode\":\"gbk\"}");
        JsonNode done = admin.awaitDone(emoji);
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        assertThat(done.path("info").asText()).contains("GBK").contains("utf-8");
    }

    @Test
    void statusCountsRowsAndBytesOfASuccessfulResult() {
        String id = export("csv", "");
        JsonNode status = SERVER.admin().statusData(id);
        assertThat(status.path("result_rows").asLong()).isEqualTo(50);
        assertThat(status.path("result_bytes").asLong()).isEqualTo(
                SERVER.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong());
    }

    @Test
    void rangeAndIfRangeResumeADownload() {
        ApiClient admin = SERVER.admin();
        String id = export("csv", "");
        ApiClient.Response whole = admin.get("/async_query/" + id + "/result_download");
        byte[] all = whole.bytes();
        String etag = whole.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");

        ApiClient.Response middle = admin.get("/async_query/" + id + "/result_download", "Range", "bytes=100-199");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/" + all.length);
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(all, 100, 200));

        ApiClient.Response rest = admin.get("/async_query/" + id + "/result_download", "Range", "bytes=1000-",
                "If-Range", etag);
        assertThat(rest.status()).isEqualTo(206);
        assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(all, 1000, all.length));

        ApiClient.Response tail = admin.get("/async_query/" + id + "/result_download", "Range", "bytes=-10");
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(all, all.length - 10, all.length));

        ApiClient.Response changed = admin.get("/async_query/" + id + "/result_download", "Range", "bytes=1000-",
                "If-Range", "\"some-other-version\"");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.bytes()).isEqualTo(all);

        ApiClient.Response beyond = admin.get("/async_query/" + id + "/result_download",
                "Range", "bytes=" + all.length + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + all.length);
        assertThat(beyond.json().path("error_code").asText()).isEqualTo("RANGE_NOT_SATISFIABLE");

        assertThat(admin.get("/async_query/" + id + "/result_download", "If-None-Match", etag).status())
                .isEqualTo(304);
    }

    /**
     * Past 48 KB a result on a file: working directory is handed to Tomcat's sendfile; gzip still streams through
     * the JVM. Both paths, and ranges from the sendfile path, must give the same bytes.
     */
    @Test
    void aLargeResultSentByTheKernelMatchesTheStreamedOneByteForByte() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.runToSuccess("{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        byte[] whole = admin.get("/async_query/" + id + "/result_download").bytes();
        assertThat(whole.length).isGreaterThan(200 * 1024);
        byte[] zipped = admin.get("/async_query/" + id + "/result_download", "Accept-Encoding", "gzip").bytes();
        try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            assertThat(unzipped.readAllBytes()).isEqualTo(whole);
        }
        int from = whole.length / 3;
        ApiClient.Response middle = admin.get("/async_query/" + id + "/result_download",
                "Range", "bytes=" + from + "-" + (from + 100_000 - 1));
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(whole, from, from + 100_000));
        assertThat(new String(whole, 0, 40, java.nio.charset.StandardCharsets.UTF_8)).startsWith("TRANS_ID,");
    }

    @Test
    void headAnswersTheHeadersWithoutTheBody() {
        String id = export("csv", "");
        long size = SERVER.admin().get("/async_query/" + id + "/filestatus").json().path("data").asLong();
        ApiClient.Response head = SERVER.admin().send("HEAD", "/async_query/" + id + "/result_download", null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(size));
        assertThat(head.header("ETag")).isNotBlank();
        assertThat(head.bytes()).isEmpty();
    }

    @Test
    void textFormatsAreGzippedOnTheFlyWhenTheClientAcceptsIt() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = export("csv", "");
        byte[] plain = admin.get("/async_query/" + id + "/result").bytes();
        ApiClient.Response zipped = admin.get("/async_query/" + id + "/result", "Accept-Encoding", "gzip, deflate");
        assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(zipped.bytes().length).isLessThan(plain.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        String parquet = export("parquet", "");
        assertThat(admin.get("/async_query/" + parquet + "/result", "Accept-Encoding", "gzip")
                .header("Content-Encoding")).isNull();
    }

    @Test
    void textIsSentZstdCompressedWhenTheClientPrefersItOrTiesAndNeverWhenItRefusesIt() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.runToSuccess("{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        String download = "/async_query/" + id + "/result_download";
        byte[] plain = admin.get(download).bytes();

        ApiClient.Response browser = admin.get(download, "Accept-Encoding", "gzip, deflate, br, zstd");
        assertThat(browser.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(browser.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(browser.header("Content-Length")).isNull();
        assertThat(browser.bytes().length).isLessThan(plain.length / 3);
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(browser.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        ApiClient.Response gzipPreferred = admin.get(download, "Accept-Encoding", "zstd;q=0.5, gzip;q=0.8");
        assertThat(gzipPreferred.header("Content-Encoding")).isEqualTo("gzip");
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipPreferred.bytes()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain);
        }
        assertThat(admin.get(download, "Accept-Encoding", "zstd;q=0, *").header("Content-Encoding"))
                .isEqualTo("gzip");
        ApiClient.Response refused = admin.get(download, "Accept-Encoding", "zstd;q=0, gzip;q=0");
        assertThat(refused.header("Content-Encoding")).isNull();
        assertThat(refused.header("Content-Length")).isEqualTo(String.valueOf(plain.length));
        assertThat(refused.bytes()).isEqualTo(plain);
        assertThat(admin.get(download, "Accept-Encoding", "zstd;q=high").bytes()).isEqualTo(plain);

        ApiClient.Response head = admin.send("HEAD", download, null, "Accept-Encoding", "zstd");
        assertThat(head.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(head.bytes()).isEmpty();
        ApiClient.Response ranged = admin.get(download, "Accept-Encoding", "zstd", "Range", "bytes=10-19");
        assertThat(ranged.status()).isEqualTo(206);
        assertThat(ranged.header("Content-Encoding")).isNull();
        assertThat(ranged.bytes()).isEqualTo(Arrays.copyOfRange(plain, 10, 20));
        String parquet = export("parquet", "");
        assertThat(admin.get("/async_query/" + parquet + "/result", "Accept-Encoding", "zstd")
                .header("Content-Encoding")).isNull();
    }

    @Test
    void invalidFormatOptionsAreRefusedAtSubmit() {
        for (String options : List.of("\"format\":\"pdf\"", "\"encode\":\"latin1\"", "\"format\":\"json\",\"encode\":\"gbk\"",
                "\"encode\":\"gbk\",\"bom\":true", "\"file_name\":\"\"", "\"json_lines\":\"often\"",
                "\"format\":\"parquet\",\"compression\":\"lz4\"", "\"format\":\"parquet\",\"compression\":\"brotli\"",
                "\"format\":\"parquet\",\"compression\":\"\"", "\"format\":\"xlsx\",\"compression\":\"snappy\"",
                "\"format\":\"parquet\",\"compression\":7",
                "\"format\":\"parquet\",\"compression\":\"" + "z".repeat(100_000) + "\"")) {
            ApiClient.Response refused = SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"," + options + "}",
                    "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(refused, 400, "INVALID_REQUEST");
        }
    }

    private static String export(String format, String moreOptions) {
        return SERVER.admin().runToSuccess("{\"sql\":\"" + SAMPLE + "\",\"project\":\"learn_kylin\",\"format\":\""
                + format + "\"" + moreOptions + "}");
    }
}
