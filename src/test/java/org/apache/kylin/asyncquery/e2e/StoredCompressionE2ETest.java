package org.apache.kylin.asyncquery.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.zstd.ZstdInputStream;

/**
 * CSV and JSON stored gzip- or zstd-compressed (submit option {@code compression}), through the real server: the
 * stored bytes as they are to a client that accepts their coding (Range of those bytes), the text decompressed to
 * one that does not, and {@code filestatus} telling the size of the text.
 */
class StoredCompressionE2ETest {
    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension(Map.of());
    private static final String SALES = "select * from KYLIN_SALES order by TRANS_ID";

    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"csv, gzip", "csv, zstd", "json, gzip", "json, zstd"})
    void theStoredBytesGoOutAsTheyAreToAClientThatAcceptsTheirCodingAndDecompressedToOneThatDoesNot(
            String format, String coding) throws IOException {
        ApiClient admin = SERVER.admin();
        byte[] plain = admin.get(download(export(format, "none"))).bytes();
        String id = export(format, coding);
        String download = download(id);

        ApiClient.Response raw = admin.get(download, "Accept-Encoding", coding);
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.header("Content-Encoding")).isEqualTo(coding);
        assertThat(raw.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(raw.header("Content-Disposition")).isEqualTo("attachment; filename=\"result." + format + "\"");
        byte[] stored = raw.bytes();
        assertThat(raw.header("Content-Length")).isEqualTo(String.valueOf(stored.length));
        assertThat(stored.length).isLessThan(plain.length / 3);
        assertThat(decode(coding, stored)).isEqualTo(plain);

        ApiClient.Response decoded = admin.get(download);
        assertThat(decoded.status()).isEqualTo(200);
        assertThat(decoded.header("Content-Encoding")).isNull();
        assertThat(decoded.header("Content-Length")).isEqualTo(String.valueOf(plain.length));
        assertThat(decoded.bytes()).isEqualTo(plain);
        assertThat(admin.get(download, "Accept-Encoding", coding + ";q=0").bytes()).isEqualTo(plain);

        // Another coding the client accepts instead: decompressed, then compressed with that one on the fly.
        String other = coding.equals("gzip") ? "zstd" : "gzip";
        ApiClient.Response recoded = admin.get(download, "Accept-Encoding", other);
        assertThat(recoded.header("Content-Encoding")).isEqualTo(other);
        assertThat(decode(other, recoded.bytes())).isEqualTo(plain);

        assertThat(admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong())
                .isEqualTo(plain.length);
        JsonNode status = admin.statusData(id);
        assertThat(status.path("result_bytes").asLong()).isEqualTo(plain.length);
        assertThat(status.path("result_stored_bytes").asLong()).isEqualTo(stored.length);
        assertThat(admin.statusData(export(format, "none")).has("result_stored_bytes")).isFalse();
        JsonNode listed = admin.get("/async_query?page_size=100").json().path("data");
        assertThat(listed.toString()).contains("\"queryID\":\"" + id + "\"");
        for (JsonNode row : listed.findParents("queryID")) {
            if (row.path("queryID").asText().equals(id)) {
                assertThat(row.path("file_size").asLong()).isEqualTo(plain.length);
            }
        }

        ApiClient.Response head = admin.send("HEAD", download, null);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(plain.length));
        ApiClient.Response rawHead = admin.send("HEAD", download, null, "Accept-Encoding", coding);
        assertThat(rawHead.header("Content-Length")).isEqualTo(String.valueOf(stored.length));
        assertThat(rawHead.header("Content-Encoding")).isEqualTo(coding);
    }

    @Test
    void aRangeIsOfTheStoredBytesAndAResumedDownloadEndsByteIdentical() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = export("csv", "zstd");
        String download = download(id);
        ApiClient.Response raw = admin.get(download, "Accept-Encoding", "zstd");
        byte[] stored = raw.bytes();
        String etag = raw.header("ETag");

        ApiClient.Response middle = admin.get(download, "Accept-Encoding", "zstd", "Range", "bytes=100-199");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 100-199/" + stored.length);
        assertThat(middle.bytes()).isEqualTo(Arrays.copyOfRange(stored, 100, 200));

        int have = stored.length / 3;
        ApiClient.Response rest = admin.get(download, "Accept-Encoding", "gzip, zstd", "Range", "bytes=" + have + "-",
                "If-Range", etag);
        assertThat(rest.status()).isEqualTo(206);
        byte[] resumed = new byte[stored.length];
        System.arraycopy(stored, 0, resumed, 0, have);
        System.arraycopy(rest.bytes(), 0, resumed, have, stored.length - have);
        assertThat(resumed).isEqualTo(stored);

        ApiClient.Response beyond = admin.get(download, "Accept-Encoding", "zstd", "Range",
                "bytes=" + stored.length + "-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + stored.length);

        // Without the coding accepted there are no stored bytes to cut from: 200 and the whole text.
        byte[] plain = decode("zstd", stored);
        ApiClient.Response ignored = admin.get(download, "Range", "bytes=100-199");
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(ignored.bytes()).isEqualTo(plain);
        assertThat(admin.get(download, "Range", "bytes=" + (plain.length * 10) + "-").bytes()).isEqualTo(plain);
        assertThat(admin.get(download, "Accept-Encoding", "zstd", "If-None-Match", etag).status()).isEqualTo(304);

        // The text is another representation with a tag of its own: a resume that names it gets no stored slice.
        String textTag = ignored.header("ETag");
        assertThat(textTag).isNotEqualTo(etag).startsWith("\"");
        assertThat(admin.get(download, "If-None-Match", etag).status()).isEqualTo(200);
        assertThat(admin.get(download, "If-None-Match", textTag).status()).isEqualTo(304);
        ApiClient.Response switched = admin.get(download, "Accept-Encoding", "zstd", "Range", "bytes=" + have + "-",
                "If-Range", textTag);
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.bytes()).isEqualTo(stored);
    }

    @Test
    void theFileIsStoredCompressedUnderANameThatSaysSo() throws IOException {
        String id = export("json", "gzip");
        Path folder = Paths.get(URI.create(SERVER.admin().get("/async_query/" + id + "/result_path").json()
                .path("data").asText()));
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("result"))
                    .toList();
            assertThat(names).containsExactly("result.json.gz");
        }
        byte[] onDisk = Files.readAllBytes(folder.resolve("result.json.gz"));
        assertThat(SERVER.admin().get(download(id), "Accept-Encoding", "gzip").bytes()).isEqualTo(onDisk);
        JsonNode rows = ApiClient.JSON.readTree(decode("gzip", onDisk));
        assertThat(rows.size()).isGreaterThan(1000);
    }

    @Test
    void aDownloadLinkAndTheCommandLineClientGetTheText() throws IOException {
        ApiClient admin = SERVER.admin();
        byte[] plain = admin.get(download(export("csv", "none"))).bytes();
        String id = export("csv", "gzip");

        URI link = DownloadLinkE2ETest.link(admin, id);
        ApiClient anyone = SERVER.anonymous();
        assertThat(anyone.sendTo("GET", link).bytes()).isEqualTo(plain);
        ApiClient.Response raw = anyone.sendTo("GET", link, "Accept-Encoding", "gzip");
        assertThat(raw.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(decode("gzip", raw.bytes())).isEqualTo(plain);

        Path out = temp.resolve("sales.csv");
        CliRunner cli = CliRunner.as(SERVER.port(), "ADMIN", "KYLIN");
        CliRunner.Result whole = cli.run("download", id, "-o", out.toString());
        assertThat(whole.exitCode()).as(whole.toString()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(plain);

        // A part file to resume: the server sends the whole text instead, and the client starts afresh.
        Path resumed = temp.resolve("resumed.csv");
        Files.write(temp.resolve("resumed.csv.part"), Arrays.copyOf(plain, plain.length / 3));
        Files.writeString(temp.resolve("resumed.csv.part.etag"),
                admin.get(download(id)).header("ETag"));
        CliRunner.Result again = cli.run("download", id, "-o", resumed.toString());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(Files.readAllBytes(resumed)).isEqualTo(plain);
    }

    @Test
    void anEmptyResultStoredCompressedIsEmptyTextAndAMalformedWeightAcceptsNoCoding() throws IOException {
        ApiClient admin = SERVER.admin();
        String id = admin.runToSuccess("{\"sql\":\"select TRANS_ID from KYLIN_SALES where 1 = 0\","
                + "\"project\":\"learn_kylin\",\"compression\":\"zstd\"}");
        assertThat(admin.get("/async_query/" + id + "/filestatus").json().path("data").asLong()).isZero();
        ApiClient.Response decoded = admin.get(download(id));
        assertThat(decoded.header("Content-Length")).isEqualTo("0");
        assertThat(decoded.bytes()).isEmpty();
        ApiClient.Response raw = admin.get(download(id), "Accept-Encoding", "zstd");
        assertThat(raw.header("Content-Encoding")).isEqualTo("zstd");
        assertThat(raw.bytes()).isNotEmpty();
        assertThat(decode("zstd", raw.bytes())).isEmpty();

        String sales = export("csv", "zstd");
        for (String odd : List.of("zstd;q=0.0001", "zstd;q=", "zstd;q=1.5", "ZSTD;Q=0", " ; , ;q=1")) {
            ApiClient.Response answer = admin.get(download(sales), "Accept-Encoding", odd);
            assertThat(answer.status()).as(odd).isEqualTo(200);
            assertThat(answer.header("Content-Encoding")).as(odd).isNull();
        }
    }

    @Test
    void aCompressionTheFormatCannotTakeIsRefusedAtSubmit() {
        for (String options : List.of("\"compression\":\"brotli\"", "\"format\":\"xlsx\",\"compression\":\"gzip\"")) {
            ApiClient.Response refused = SERVER.admin().post("/async_query", "{\"sql\":\"select 1\"," + options + "}",
                    "Content-Type", "application/json");
            BadInputE2ETest.assertClientError(refused, 400, "INVALID_REQUEST");
        }
    }

    private static String export(String format, String compression) {
        return SERVER.admin().runToSuccess("{\"sql\":\"" + SALES + "\",\"project\":\"learn_kylin\",\"format\":\""
                + format + "\",\"include_header\":true,\"compression\":\"" + compression + "\"}");
    }

    private static String download(String id) {
        return "/async_query/" + id + "/result_download";
    }

    private static byte[] decode(String coding, byte[] bytes) throws IOException {
        try (InputStream in = coding.equals("gzip") ? new GZIPInputStream(new ByteArrayInputStream(bytes))
                : new ZstdInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
