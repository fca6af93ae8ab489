package org.apache.kylin.asyncquery.kylinhost;

import static org.apache.kylin.asyncquery.testing.Eventually.assertEventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.servlet.DispatcherType;
import javax.servlet.FilterRegistration;
import javax.servlet.ServletRegistration;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kylin.asyncquery.e2e.SlowUploads;
import org.apache.kylin.asyncquery.testing.Eventually;
import org.apache.kylin.asyncquery.testing.MiniHdfsExtension;
import org.apache.kylin.common.KylinConfig;
import org.apache.kylin.common.QueryContextFacade;
import org.apache.kylin.query.QueryConnection;
import org.apache.kylin.rest.asyncquery.api.AsyncQueryController;
import org.apache.kylin.rest.service.QueryService;
import org.apache.kylin.rest.util.AclEvaluate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.SpringVersion;
import org.springframework.security.core.SpringSecurityCoreVersion;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.XmlWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The packaged thin plugin jar on a real Apache Kylin 4.0.4: Kylin's own jars, Spark 3.1.3 in local mode (Sparder)
 * and Kylin 4.0.4's own Spring, Spring Security and Jackson versions (the {@code kylin4-host} failsafe execution
 * gives this test that classpath), in a Spring web context built the way Kylin 4's webapp builds its own: context
 * {@code /kylin}, a root context that component-scans {@code org.apache.kylin.rest}, Spring Security's filter chain
 * with Basic authentication and Kylin's ACL, and an empty dispatcher context at {@code /api/*}. Kylin reads this
 * project's own metadata from a local store ({@link KylinTestHome}); its working directory, where the results land,
 * is a real HDFS. Real rows come both ways Kylin answers: from a cube whose data Kylin's own Spark build engine
 * built ({@link KylinCubeBuild}) through {@code QueryConnection} on Sparder, and from Kylin's push-down to Spark SQL
 * over {@code test-data/learn_kylin} registered in Sparder's catalog ({@link SparderTables}).
 */
class KylinHostIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path SALES_CSV = Path.of(System.getProperty("kylinhost.test-data"), "learn_kylin",
            "KYLIN_SALES.csv");

    @RegisterExtension
    static final MiniHdfsExtension HDFS = new MiniHdfsExtension();
    @TempDir
    static Path temp;
    static String hdfsUri;
    static Tomcat tomcat;
    static String kylinWorkingDir;

    @BeforeAll
    static void start() throws Exception {
        hdfsUri = HDFS.uri();
        KylinTestHome.create(temp, hdfsUri + "/kylin");
        // Kylin's own answer for {kylin.env.hdfs-working-dir}/{metadata prefix}/, read from the kylin.properties above.
        kylinWorkingDir = KylinConfig.getInstanceFromEnv().getHdfsWorkingDirectory();
        SparderTables.register(Path.of(System.getProperty("kylinhost.test-data"), "learn_kylin"));
        KylinCubeBuild.fullBuild("async_sales_cube");

        // Spark's SQL state has already claimed the JVM's one URL stream handler factory (for Hadoop's URLs).
        TomcatURLStreamHandlerFactory.disable();
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(temp.resolve("tomcat")).toString());
        tomcat.setPort(0);
        // What the README asks of a Kylin host: never read the rest of a body nobody wants (Tomcat's default reads
        // up to 2 MiB of it, waiting on a slow client), but close.
        tomcat.getConnector().setProperty("maxSwallowSize", "0");
        Context context = tomcat.addContext("/kylin", temp.toString());
        context.addServletContainerInitializer((classes, servletContext) -> {
            XmlWebApplicationContext root = new XmlWebApplicationContext();
            root.setConfigLocations("classpath:kylin-host/applicationContext.xml",
                    "classpath:kylin-host/kylinSecurity.xml");
            servletContext.addListener(new ContextLoaderListener(root));
            FilterRegistration.Dynamic security = servletContext.addFilter("springSecurityFilterChain",
                    new DelegatingFilterProxy("springSecurityFilterChain"));
            security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
            XmlWebApplicationContext servlet = new XmlWebApplicationContext();
            servlet.setConfigLocation("classpath:kylin-host/kylin-servlet.xml");
            ServletRegistration.Dynamic kylin = servletContext.addServlet("kylin", new DispatcherServlet(servlet));
            kylin.addMapping("/api/*");
            kylin.setLoadOnStartup(1);
        }, Collections.emptySet());
        tomcat.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @Test
    void thePluginsClassesComeFromTheThinJar() {
        String location = AsyncQueryController.class.getProtectionDomain().getCodeSource().getLocation().toString();
        assertThat(location).endsWith(Path.of(System.getProperty("plugin.jar")).getFileName().toString());
    }

    @Test
    void kylin404AndItsOwnLibraryVersionsRunHere() {
        assertThat(jarOf(KylinConfig.class)).isEqualTo("kylin-core-common-4.0.4.jar");
        assertThat(jarOf(QueryConnection.class)).isEqualTo("kylin-query-4.0.4.jar");
        assertThat(jarOf(QueryService.class)).isEqualTo("kylin-server-base-4.0.4.jar");
        assertThat(jarOf(AclEvaluate.class)).isEqualTo("kylin-server-base-4.0.4.jar");
        assertThat(SpringVersion.getVersion()).isEqualTo(System.getProperty("kylinhost.spring.version"));
        assertThat(SpringSecurityCoreVersion.getVersion())
                .isEqualTo(System.getProperty("kylinhost.spring-security.version"));
        assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
                .isEqualTo(System.getProperty("kylinhost.jackson.version"));
    }

    @Test
    void kylinsDocumentedExampleExportsRealRowsPushedDownToSparkSqlIntoKylinsWorkingDirectory() throws Exception {
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID limit 100\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        awaitSuccess(id);

        JsonNode metadata = send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/metadata", null).path("data");
        assertThat(metadata.get(0).toString()).isEqualTo("[\"TRANS_ID\",\"PART_DT\",\"LSTG_FORMAT_NAME\","
                + "\"LEAF_CATEG_ID\",\"LSTG_SITE_ID\",\"SLR_SEGMENT_CD\",\"SELLER_ID\",\"PRICE\",\"ITEM_COUNT\","
                + "\"BUYER_ID\",\"OPS_USER_ID\",\"OPS_REGION\"]");
        assertThat(metadata.get(1).toString()).isEqualTo("[\"BIGINT\",\"DATE\",\"STRING\",\"BIGINT\",\"INT\","
                + "\"SMALLINT\",\"INT\",\"DECIMAL\",\"INT\",\"INT\",\"STRING\",\"STRING\"]");
        String path = send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/result_path", null).path("data").asText();
        assertThat(path).isEqualTo(hdfsUri + "/kylin/" + KylinTestHome.METADATA_ID + "/async_query_result/" + id);
        assertThat(HDFS.fileSystem().exists(new org.apache.hadoop.fs.Path(path, "result.csv"))).isTrue();
        // Owner-only on Kylin's HDFS, through Kylin's Hadoop configuration (its umask would leave 644).
        assertThat(HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(path, "result.csv"))
                .getPermission().toShort()).isEqualTo((short) 0600);
        assertThat(HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(path, "_query.json"))
                .getPermission().toShort()).isEqualTo((short) 0600);
        assertThat(HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(path)).getPermission().toShort())
                .isEqualTo((short) 0700);

        List<String> sample = Files.readAllLines(SALES_CSV, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        expected.add(header(metadata));
        expected.addAll(sample.subList(1, 101));
        assertThat(download("ADMIN:KYLIN", id)).containsExactlyElementsOf(expected);
    }

    @Test
    void pushedDownRowsAreReadAsTheirColumnsTypesSoJsonHoldsNumbersWhereKylinHandsOverText() throws Exception {
        // Kylin's push-down returns every value as a string; the plugin reads each back as its column's type.
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select TRANS_ID, PART_DT, LSTG_FORMAT_NAME, SLR_SEGMENT_CD, "
                + "PRICE from KYLIN_SALES order by TRANS_ID limit 20\",\"project\":\"learn_kylin\","
                + "\"format\":\"json\"}");
        awaitSuccess(id);
        // Kylin's push-down names columns by Spark's types (STRING, INT); the plugin passes Kylin's metadata on.
        assertThat(send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/metadata", null).path("data").get(1)
                .toString()).isEqualTo("[\"BIGINT\",\"DATE\",\"STRING\",\"SMALLINT\",\"DECIMAL\"]");
        HttpResponse<String> response = raw("ADMIN:KYLIN", "GET", "/async_query/" + id + "/result_download", null);
        assertThat(response.statusCode()).isEqualTo(200);
        // Decimals read exactly as written, trailing zeros kept (Jackson's tree strips them by default).
        JsonNode rows = JSON.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)).readTree(response.body());
        List<String[]> sales = sales().subList(0, 20);
        assertThat(rows).hasSize(sales.size());
        for (int i = 0; i < sales.size(); i++) {
            JsonNode row = rows.get(i);
            String[] sale = sales.get(i);
            assertThat(row.get("TRANS_ID").isIntegralNumber()).as(row.toString()).isTrue();
            assertThat(row.get("TRANS_ID").asLong()).isEqualTo(Long.parseLong(sale[0]));
            assertThat(row.get("PART_DT").isTextual()).as(row.toString()).isTrue();
            assertThat(row.get("PART_DT").asText()).isEqualTo(sale[1]);
            assertThat(row.get("LSTG_FORMAT_NAME").asText()).isEqualTo(sale[2]);
            assertThat(row.get("SLR_SEGMENT_CD").isIntegralNumber()).as(row.toString()).isTrue();
            assertThat(row.get("SLR_SEGMENT_CD").asInt()).isEqualTo(Integer.parseInt(sale[5]));
            assertThat(row.get("PRICE").isBigDecimal()).as(row.toString()).isTrue();
            // The declared DECIMAL(19,4): exactly four digits after the point, as in the sample.
            assertThat(row.get("PRICE").decimalValue()).isEqualTo(new BigDecimal(sale[7]));
            assertThat(row.get("PRICE").decimalValue().scale()).isEqualTo(4);
        }
    }

    @Test
    void theReadOnlyCheckReadsSqlWithKylinsOwnCalciteAndRefusesAWriteBeforeAnythingIsWritten() throws Exception {
        assertThat(jarOf(SqlParser.class)).isEqualTo("calcite-core-1.16.0.jar");
        // Calcite's EXTRACT and FETCH FIRST, run on the cube: the FETCH is the SQL's own cap, so the plugin passes
        // Kylin no LIMIT of its own to append after it.
        String id = submit("ANALYST:ANALYST", "{\"sql\":\"select EXTRACT(MONTH FROM PART_DT) as M, count(*) as N "
                + "from KYLIN_SALES group by EXTRACT(MONTH FROM PART_DT) order by 1 fetch first 3 rows only\","
                + "\"project\":\"learn_kylin\"}");
        Map<Integer, Long> perMonth = new TreeMap<>();
        for (String[] sale : sales()) {
            perMonth.merge(Integer.parseInt(sale[1].substring(5, 7)), 1L, Long::sum);
        }
        List<String> expected = perMonth.entrySet().stream().limit(3)
                .map(month -> month.getKey() + "," + month.getValue()).collect(Collectors.toList());
        assertThat(awaitStatus(id)).as(id).isEqualTo("SUCCESSFUL");
        assertThat(download("ADMIN:KYLIN", id)).containsExactlyElementsOf(expected);

        // FLOOR(... TO MONTH), which only Calcite's grammar reads, passes the check under Kylin's Calcite 1.16 and
        // runs; Kylin 4.0.4's Sparder then has no time-unit FLOOR (it plans Spark's numeric floor) and its push-down
        // hands the text to Spark SQL, which cannot read it: the query ends FAILED with Kylin's reason.
        String floor = submit("ANALYST:ANALYST", "{\"sql\":\"select FLOOR(PART_DT TO MONTH) as MON, count(*) as N "
                + "from KYLIN_SALES group by FLOOR(PART_DT TO MONTH) order by 1\",\"project\":\"learn_kylin\"}");
        assertThat(awaitStatus(floor)).isEqualTo("FAILED");
        assertThat(info(floor)).contains("mismatched input 'TO'").doesNotContain("org.apache")
                .doesNotContain("Exception");

        long before = queryFolders();
        HttpResponse<String> write = raw("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"insert into "
                + "KYLIN_SALES select * from KYLIN_SALES\",\"project\":\"learn_kylin\"}");
        assertThat(write.statusCode()).isEqualTo(400);
        assertThat(write.body()).contains("\"error_code\":\"SQL_NOT_ALLOWED\"").doesNotContain("org.apache");
        HttpResponse<String> unreadable = raw("ANALYST:ANALYST", "POST", "/async_query", "{\"sql\":\"select from "
                + "where\",\"project\":\"learn_kylin\"}");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("\"error_code\":\"SQL_NOT_ALLOWED\"").doesNotContain("org.apache");
        assertThat(queryFolders()).isEqualTo(before);
    }

    @Test
    void aQueryTheCubeAnswersExportsTheCubesRowsFromSparderThroughKylinsQueryConnection() throws Exception {
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select LSTG_FORMAT_NAME, sum(PRICE) as GMV, count(*) as "
                + "TRANS_CNT from KYLIN_SALES group by LSTG_FORMAT_NAME order by LSTG_FORMAT_NAME\","
                + "\"project\":\"learn_kylin\"}");
        awaitSuccess(id);
        JsonNode metadata = send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/metadata", null).path("data");
        assertThat(metadata.toString())
                .isEqualTo("[[\"LSTG_FORMAT_NAME\",\"GMV\",\"TRANS_CNT\"],[\"VARCHAR\",\"DECIMAL\",\"BIGINT\"]]");
        Map<String, BigDecimal> gmv = new TreeMap<>();
        Map<String, Long> count = new TreeMap<>();
        for (String[] sale : sales()) {
            gmv.merge(sale[2], new BigDecimal(sale[7]), BigDecimal::add);
            count.merge(sale[2], 1L, Long::sum);
        }
        List<String> expected = gmv.keySet().stream()
                .map(format -> format + "," + gmv.get(format).toPlainString() + "," + count.get(format))
                .collect(Collectors.toList());
        assertThat(expected).hasSize(5);
        assertThat(download("ADMIN:KYLIN", id)).containsExactlyElementsOf(expected);
        // Planned by Kylin without collecting, and written by Spark's executors.
        assertThat(outcome(id).path("route").asText()).isEqualTo("SPARK_EXECUTORS");
    }

    /**
     * Parquet's {@code compression} on a Kylin host: Sparder's executors write the parts with Kylin's own Spark and
     * Parquet (3.1 and 1.10), and the merged file's footer names the codec asked for. zstd, which that Parquet
     * compresses only through Hadoop's native library ("native zStandard library not available" here), comes from
     * the driver to the server's own pure-Java writer instead.
     */
    @Test
    void aCubeResultIsWrittenAsParquetByKylinsSparkWithEveryCodec() throws Exception {
        for (String compression : List.of("", "snappy", "zstd", "gzip", "none")) {
            String id = submit("ADMIN:KYLIN", "{\"sql\":\"select LSTG_FORMAT_NAME, count(*) as N from KYLIN_SALES "
                    + "group by LSTG_FORMAT_NAME\",\"project\":\"learn_kylin\",\"format\":\"parquet\""
                    + (compression.isEmpty() ? "" : ",\"compression\":\"" + compression + "\"") + "}");
            awaitSuccess(id);
            Set<String> codecs = new HashSet<>();
            long rows = 0;
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result/" + id
                    + "/" + queryFiles(id).stream().filter(name -> name.endsWith(".parquet")).findFirst()
                    .orElseThrow());
            try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
                    org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(file, HDFS.fileSystem().getConf()))) {
                for (var block : reader.getFooter().getBlocks()) {
                    rows += block.getRowCount();
                    block.getColumns().forEach(column -> codecs.add(column.getCodec().name()));
                }
            }
            String expected = compression.isEmpty() || compression.equals("snappy") ? "SNAPPY"
                    : compression.equals("none") ? "UNCOMPRESSED" : compression.toUpperCase(java.util.Locale.ROOT);
            assertThat(codecs).as(compression).containsExactly(expected);
            assertThat(rows).as(compression).isEqualTo(5);
            assertThat(outcome(id).path("route").asText()).as(compression)
                    .isEqualTo(compression.equals("zstd") ? "SPARK_DRIVER_ITERATOR" : "SPARK_EXECUTORS");
        }
    }

    /**
     * The per-thread switch is left as it was found: a constant query (no Spark plan) after a cube query on the same
     * pool thread gets its own row, not the cube query's stale Dataset nor an empty result; and every later query
     * computes. The pool has few threads, so the queries below share them.
     */
    @Test
    void aQueryKylinAnswersWithoutSparkStreamsItsOwnRowsAfterACubeQuery() throws Exception {
        for (int round = 0; round < 3; round++) {
            String cube = submit("ADMIN:KYLIN", "{\"sql\":\"select LSTG_FORMAT_NAME, count(*) as N from KYLIN_SALES "
                    + "group by LSTG_FORMAT_NAME\",\"project\":\"learn_kylin\"}");
            awaitSuccess(cube);
            String constant = submit("ADMIN:KYLIN", "{\"sql\":\"select 41 + 1 as ANSWER\",\"project\":\"learn_kylin\"}");
            awaitSuccess(constant);
            assertThat(download("ADMIN:KYLIN", constant)).containsExactly("42");
            assertThat(outcome(constant).path("route").asText()).isEqualTo("JDBC_STREAM");
            assertThat(download("ADMIN:KYLIN", cube)).hasSize(5);
        }
    }

    /**
     * The plugin's meters are MBeans of the platform MBean server under kylin.asyncquery, as JConsole reads them,
     * reported through the Dropwizard Metrics of Kylin's own Spark (4.1.1), not a copy of the plugin's.
     */
    @Test
    void thePluginsMetersAreReadInJmxThroughKylinsOwnDropwizardMetrics() throws Exception {
        assertThat(jarOf(Class.forName("com.codahale.metrics.jmx.JmxReporter"))).isEqualTo("metrics-jmx-4.1.1.jar");
        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        ObjectName succeeded = new ObjectName("kylin.asyncquery:name=asyncqueryQueriesSucceeded,type=meters");
        ObjectName rows = new ObjectName("kylin.asyncquery:name=asyncqueryResultRows,type=meters");
        long succeededBefore = (Long) mbeans.getAttribute(succeeded, "Count");
        long rowsBefore = (Long) mbeans.getAttribute(rows, "Count");
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select 41 + 1 as ANSWER\",\"project\":\"learn_kylin\"}");
        awaitSuccess(id);
        assertEventually(() -> {
            assertThat((Long) mbeans.getAttribute(succeeded, "Count")).isGreaterThan(succeededBefore);
            assertThat((Long) mbeans.getAttribute(rows, "Count")).isGreaterThan(rowsBefore);
        });
        assertThat(((Number) mbeans.getAttribute(
                new ObjectName("kylin.asyncquery:name=asyncqueryQueriesRunning,type=gauges"), "Value")).intValue())
                .isNotNegative();
    }

    /** Formats that need one stream (XLSX, GBK) and a request offset pull the plan's partitions one at a time. */
    @Test
    void oneStreamFormatsAndOffsetsTakeTheDriverIteratorAndStillNeverCollect() throws Exception {
        String sql = "select PART_DT from KYLIN_SALES group by PART_DT order by PART_DT";
        String offset = submit("ADMIN:KYLIN", "{\"sql\":\"" + sql + "\",\"limit\":3,\"offset\":5,"
                + "\"project\":\"learn_kylin\"}");
        String gbk = submit("ADMIN:KYLIN", "{\"sql\":\"" + sql + "\",\"limit\":2,\"encode\":\"gbk\","
                + "\"project\":\"learn_kylin\"}");
        for (String id : List.of(offset, gbk)) {
            awaitSuccess(id);
            assertThat(outcome(id).path("route").asText()).as(id).isEqualTo("SPARK_DRIVER_ITERATOR");
        }
        List<String> days = sales().stream().map(sale -> sale[1]).distinct().sorted().collect(Collectors.toList());
        assertThat(download("ADMIN:KYLIN", offset)).containsExactlyElementsOf(days.subList(5, 8));
        assertThat(download("ADMIN:KYLIN", gbk)).containsExactlyElementsOf(days.subList(0, 2));
    }

    @Test
    void theRequestsLimitAndOffsetGoThroughKylinsSqlMassagingOnACubeQuery() throws Exception {
        // Kylin applies the OFFSET of a cube query itself (its Spark plan has none): push-down could not (see below).
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select PART_DT, count(*) as TRANS_CNT from KYLIN_SALES "
                + "group by PART_DT order by PART_DT\",\"limit\":5,\"offset\":3,\"project\":\"learn_kylin\"}");
        Map<String, Long> perDay = new TreeMap<>();
        for (String[] sale : sales()) {
            perDay.merge(sale[1], 1L, Long::sum);
        }
        List<String> expected = perDay.entrySet().stream().skip(3).limit(5)
                .map(day -> day.getKey() + "," + day.getValue()).collect(Collectors.toList());
        awaitSuccess(id);
        assertThat(download("ADMIN:KYLIN", id)).containsExactlyElementsOf(expected);
    }

    @Test
    void theRequestsLimitGoesThroughKylinsSqlMassaging() throws Exception {
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select TRANS_ID, PRICE from KYLIN_SALES order by TRANS_ID\","
                + "\"limit\":7,\"project\":\"learn_kylin\"}");
        List<String> sample = Files.readAllLines(SALES_CSV, StandardCharsets.UTF_8).subList(1, 8).stream()
                .map(line -> line.split(",")[0] + "," + line.split(",")[7]).collect(Collectors.toList());
        awaitSuccess(id);
        assertThat(download("ADMIN:KYLIN", id)).containsExactlyElementsOf(sample);
    }

    @Test
    void anOffsetOnAQueryKylinPushesDownFailsInKylinItselfWithKylinsReason() throws Exception {
        // Kylin 4.0.4's QueryUtil.massageSql appends the request's OFFSET; its push-down runs on Spark 3.1, whose SQL
        // has no OFFSET. Kylin's own query API fails the same way. The plugin passes Kylin's reason on.
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select TRANS_ID, PRICE from KYLIN_SALES order by TRANS_ID\","
                + "\"limit\":7,\"offset\":3,\"project\":\"learn_kylin\"}");
        assertThat(awaitStatus(id)).isEqualTo("FAILED");
        assertThat(info(id)).contains("mismatched input 'offset'").doesNotContain("org.apache")
                .doesNotContain("Exception");
    }

    @Test
    void kylinsAclRefusesAProjectTheUserHasNoPermissionOnAndNothingIsWritten() throws Exception {
        long before = queryFolders();
        HttpResponse<String> refused = raw("ANALYST:ANALYST", "POST", "/async_query",
                "{\"sql\":\"select 1\",\"project\":\"ssb\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode body = JSON.readTree(refused.body());
        assertThat(body.path("error_code").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(body.path("msg").asText()).contains("ANALYST").contains("ssb");
        assertThat(queryFolders()).isEqualTo(before);

        String allowed = submit("ANALYST:ANALYST", "{\"sql\":\"select count(*) from KYLIN_SALES where PRICE > 500\","
                + "\"project\":\"learn_kylin\"}");
        assertThat(awaitStatus(allowed)).isEqualTo("SUCCESSFUL");
    }

    @Test
    void theProjectPickerListsWhatKylinsAclAllows() throws Exception {
        assertThat(send("ANALYST:ANALYST", "GET", "/async_query/projects", null).path("data").toString())
                .isEqualTo("[\"learn_kylin\"]");
        assertThat(send("ADMIN:KYLIN", "GET", "/async_query/projects", null).path("data").toString())
                .isEqualTo("[\"learn_kylin\",\"ssb\"]");
    }

    @Test
    void theCurrentUserAndAdminRoleComeFromTheHostsSecurity() throws Exception {
        String id = submit("ANALYST:ANALYST", "{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}");
        assertThat(raw("MODELER:MODELER", "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(403);
        assertThat(raw("ADMIN:KYLIN", "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(200);
        assertThat(raw(null, "GET", "/async_query/" + id + "/status", null).statusCode()).isEqualTo(401);
        awaitSuccess(id);
    }

    @Test
    void thePluginsSettingsComeFromKylinsOwnKylinProperties() throws Exception {
        String id = submit("ADMIN:KYLIN", "{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}");
        awaitSuccess(id);
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result");
        try (var in = HDFS.fileSystem().open(new org.apache.hadoop.fs.Path(folder, id + "/_query.json"))) {
            assertThat(JSON.readTree(in).path("node").asText()).isEqualTo(KylinTestHome.NODE_ID);
        }
        assertThat(HDFS.fileSystem().exists(new org.apache.hadoop.fs.Path(folder, "_nodes/" + KylinTestHome.NODE_ID)))
                .isTrue();
    }

    /**
     * A result bigger than Sparder's spark.driver.maxResultSize (128k here, KylinTestHome). Before: Kylin's own query
     * path collects it into the Kylin server and fails. After: Kylin plans it without collecting
     * (SparderContext.skipCompute) and Spark's executors write it, every row.
     */
    @Test
    void aCubeResultBiggerThanSparksMaxResultSizeIsWrittenBySparksExecutorsWithEveryRow() throws Exception {
        String sql = "select PART_DT, LSTG_FORMAT_NAME, SLR_SEGMENT_CD, OPS_REGION, count(*) as CNT, "
                + "sum(PRICE) as GMV from KYLIN_SALES group by PART_DT, LSTG_FORMAT_NAME, SLR_SEGMENT_CD, OPS_REGION";
        Set<String> groups = new HashSet<>();
        for (String[] sale : sales()) {
            groups.add(sale[1] + "," + sale[2] + "," + sale[5] + "," + sale[11]);
        }
        long expectedRows = groups.size();
        assertThat(expectedRows).isGreaterThan(9_000);

        // Before: Kylin's own query path, which collects, cannot return it.
        QueryContextFacade.current().setProject("learn_kylin");
        try (Connection connection = QueryConnection.getConnection("learn_kylin");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery(sql)).hasStackTraceContaining(
                    "is bigger than spark.driver.maxResultSize");
        } finally {
            QueryContextFacade.resetCurrent();
        }

        String written = submit("ADMIN:KYLIN", "{\"sql\":\"" + sql + "\",\"project\":\"learn_kylin\"}");
        awaitSuccess(written);
        assertThat(outcome(written).path("route").asText()).isEqualTo("SPARK_EXECUTORS");
        assertThat(outcome(written).path("rows").asLong()).isEqualTo(expectedRows);
        List<String> rows = download("ADMIN:KYLIN", written);
        assertThat(rows.stream().map(row -> row.substring(0, row.lastIndexOf(',', row.lastIndexOf(',') - 1)))
                .collect(Collectors.toSet())).isEqualTo(groups);
        assertThat(rows).hasSize((int) expectedRows);
        // Spark's parts, renamed in partition order (how many depends on Sparder's partitions).
        assertThat(queryFiles(written)).filteredOn(name -> name.startsWith("result")).isNotEmpty()
                .allMatch(name -> name.matches("result-\\d{9}\\.csv"));
        assertThat(queryFiles(written)).noneMatch(name -> name.startsWith("_writing"));
    }

    /** Push-down (no cube answers) still goes through Kylin's in-memory query service, which collects. */
    @Test
    void aPushedDownResultBiggerThanSparksMaxResultSizeEndsFailedWithAReasonAndTheServerKeepsServing()
            throws Exception {
        // Kylin's push-down collects the whole result into the Kylin server before the first row is written; Sparder's
        // spark.driver.maxResultSize is 128k here (KylinTestHome). About 100,000 rows of 24 columns pass it.
        String big = submit("ADMIN:KYLIN", "{\"sql\":\"select * from KYLIN_SALES a cross join KYLIN_SALES b "
                + "where b.TRANS_ID < 10\",\"project\":\"learn_kylin\"}");
        assertThat(awaitStatus(big)).isEqualTo("FAILED");
        assertThat(info(big)).contains("is bigger than spark.driver.maxResultSize").doesNotContain("org.apache")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(queryFiles(big)).noneMatch(name -> name.startsWith("result"));

        String after = submit("ADMIN:KYLIN", "{\"sql\":\"select TRANS_ID from KYLIN_SALES order by TRANS_ID\","
                + "\"limit\":3,\"project\":\"learn_kylin\"}");
        assertThat(awaitStatus(after)).isEqualTo("SUCCESSFUL");
        assertThat(download("ADMIN:KYLIN", after)).containsExactly("0", "1", "2");
    }

    @Test
    void thePluginsErrorHandlingLeavesTheHostsControllersAlone() throws Exception {
        HttpResponse<String> hostError = raw("ADMIN:KYLIN", "GET", "/host_stand_in", null);
        assertThat(hostError.statusCode()).isEqualTo(500);
        assertThat(hostError.body()).doesNotContain("error_code");
        HttpResponse<String> ours = raw("ADMIN:KYLIN", "GET", "/async_query/not-a-uuid/status", null);
        assertThat(ours.statusCode()).isEqualTo(400);
        assertThat(ours.body()).contains("\"error_code\":\"INVALID_QUERY_ID\"");
    }

    @Test
    void theHostRefusesCrossSiteAndNonJsonSubmitsBeforeReadingThem() throws Exception {
        long before = queryFolders();
        String body = "{\"sql\":\"select 1\",\"project\":\"learn_kylin\"}";
        HttpResponse<String> crossSite = raw("ANALYST:ANALYST", "POST", "/async_query", body,
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(crossSite.body()).contains("\"error_code\":\"CROSS_SITE_REQUEST\"");
        HttpResponse<String> crossSiteDelete = raw("ANALYST:ANALYST", "DELETE", "/async_query", null,
                "Origin", "https://evil.example");
        assertThat(crossSiteDelete.statusCode()).isEqualTo(403);
        HttpResponse<String> form = raw("ANALYST:ANALYST", "POST", "/async_query", body,
                "Content-Type", "text/plain");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("\"error_code\":\"UNSUPPORTED_MEDIA_TYPE\"");
        HttpResponse<String> ownPage = raw("ANALYST:ANALYST", "POST", "/async_query", body,
                "Origin", "http://localhost:" + tomcat.getConnector().getLocalPort(), "Sec-Fetch-Site", "same-origin");
        assertThat(ownPage.statusCode()).as(ownPage.body()).isEqualTo(200);
        assertThat(queryFolders()).isEqualTo(before + 1);
        assertThat(awaitStatus(JSON.readTree(ownPage.body()).path("data").path("queryID").asText()))
                .isEqualTo("SUCCESSFUL");
    }

    /**
     * The plugin's own deadline and bounds in the host (kylin.query.async.max-uploads-in-flight=2, one per user,
     * and request-body-timeout-seconds=10 in KylinTestHome); with the host's Tomcat set as the README asks
     * (maxSwallowSize 0), refused and timed-out uploads are closed, not drained.
     */
    @Test
    void slowSubmitBodiesInTheHostAreBoundedInNumberAndTime() throws Exception {
        long before = queryFolders();
        int port = tomcat.getConnector().getLocalPort();
        try (SlowUploads modeler = SlowUploads.open(port, 3, slowSubmit("MODELER:MODELER"));
                SlowUploads analyst = SlowUploads.open(port, 3, slowSubmit("ANALYST:ANALYST"))) {
            awaitTrue(() -> modeler.statuses().equals(Map.of(503, 2)) && analyst.statuses().equals(Map.of(503, 2)),
                    modeler);
            try (SlowUploads admin = SlowUploads.open(port, 1, slowSubmit("ADMIN:KYLIN"))) {
                awaitTrue(() -> admin.statuses().equals(Map.of(503, 1)), admin);
                assertThat(admin.sampleAnswer(503)).contains("The server is receiving 2");
            }
            assertThat(modeler.waiting() + analyst.waiting()).isEqualTo(2);
            assertThat(send("ADMIN:KYLIN", "GET", "/async_query", null).path("code").asText()).isEqualTo("000");
            awaitTrue(() -> modeler.statuses().equals(Map.of(503, 2, 408, 1))
                    && analyst.statuses().equals(Map.of(503, 2, 408, 1)), modeler);
            awaitTrue(() -> modeler.closedByServer() == 3 && analyst.closedByServer() == 3, analyst);
            assertThat(modeler.sampleAnswer(408)).contains("REQUEST_TIMEOUT");
        }
        assertThat(queryFolders()).isEqualTo(before);
    }

    /** The sample's KYLIN_SALES rows, split (none of its values holds a comma). */
    /**
     * With the README's one line in Kylin's security chain, a link downloads without credentials; its key was made
     * once in Kylin's HDFS working directory, owner-only. Kylin's own rule still guards the rest of the API.
     */
    @Test
    void aDownloadLinkDownloadsWithoutCredentialsThroughTheDocumentedSecurityLine() throws Exception {
        String id = submit("ANALYST:ANALYST", "{\"sql\":\"select * from KYLIN_SALES order by TRANS_ID limit 100\","
                + "\"project\":\"learn_kylin\",\"include_header\":true}");
        awaitSuccess(id);
        String path = send("ANALYST:ANALYST", "GET", "/async_query/" + id + "/download_link", null).path("data")
                .path("path").asText();
        assertThat(path).startsWith("/kylin/api/async_query/link/" + id + "?expires=");
        String apiPath = path.substring("/kylin/api".length());

        HttpResponse<String> anonymous = raw(null, "GET", apiPath, null);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo(raw("ANALYST:ANALYST", "GET", "/async_query/" + id
                + "/result_download", null).body());
        assertThat(anonymous.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"result.csv\"");
        HttpResponse<String> tampered = raw(null, "GET", apiPath.replace("expires=", "expires=1"), null);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("\"error_code\":\"LINK_INVALID\"").doesNotContain(id);
        assertThat(raw(null, "GET", "/async_query/" + id + "/download_link", null).statusCode()).isEqualTo(401);
        assertThat(HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(kylinWorkingDir
                + "async_query_result/_download_link.key")).getPermission().toShort()).isEqualTo((short) 0600);
    }

    private static List<String[]> sales() throws IOException {
        return Files.readAllLines(SALES_CSV, StandardCharsets.UTF_8).stream().skip(1).map(line -> line.split(","))
                .collect(Collectors.toList());
    }

    private static String slowSubmit(String credentials) {
        return "POST /kylin/api/async_query HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
    }

    private static void awaitTrue(BooleanSupplier condition, SlowUploads uploads) {
        assertEventually(() -> assertThat(condition.getAsBoolean()).as("connections so far: %s", uploads).isTrue());
    }

    /** Waits for the query to end and expects SUCCESSFUL, naming the engine's reason when it is not. */
    private static void awaitSuccess(String id) throws Exception {
        String status = awaitStatus(id);
        assertThat(status).as(() -> id + " ended " + status + ": " + uncheckedInfo(id)).isEqualTo("SUCCESSFUL");
    }

    private static String uncheckedInfo(String id) {
        try {
            return info(id);
        } catch (Exception e) {
            return "(status unreadable: " + e + ")";
        }
    }

    private static String info(String id) throws Exception {
        return send("ADMIN:KYLIN", "GET", "/async_query/" + id + "/status", null).path("data").path("info").asText();
    }

    private static String header(JsonNode metadata) {
        List<String> names = new ArrayList<>();
        metadata.get(0).forEach(name -> names.add(name.asText()));
        return String.join(",", names);
    }

    private static String jarOf(Class<?> type) {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getFileName().toString();
    }

    private static List<String> download(String credentials, String id) throws Exception {
        HttpResponse<String> response = raw(credentials, "GET", "/async_query/" + id + "/result_download", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().isEmpty() ? List.of() : List.of(response.body().split("\r\n"));
    }

    private static JsonNode outcome(String id) throws IOException {
        try (var in = HDFS.fileSystem().open(
                new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result/" + id + "/_outcome.json"))) {
            return JSON.readTree(in);
        }
    }

    private static List<String> queryFiles(String id) throws IOException {
        List<String> names = new ArrayList<>();
        for (var status : HDFS.fileSystem().listStatus(
                new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result/" + id))) {
            names.add(status.getPath().getName());
        }
        return names;
    }

    private static long queryFolders() throws IOException {
        FileSystem fs = HDFS.fileSystem();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(kylinWorkingDir + "async_query_result");
        if (!fs.exists(root)) {
            return 0;
        }
        long count = 0;
        for (var status : fs.listStatus(root)) {
            if (status.isDirectory() && !status.getPath().getName().startsWith("_")) {
                count++;
            }
        }
        return count;
    }

    private static String submit(String credentials, String body) throws Exception {
        JsonNode submitted = send(credentials, "POST", "/async_query", body);
        assertThat(submitted.path("code").asText()).as(submitted.toString()).isEqualTo("000");
        return submitted.path("data").path("queryID").asText();
    }

    /** Waits for the query to leave RUNNING (Sparder's first queries compile code, so allow generously). */
    private static String awaitStatus(String id) {
        return Eventually.await("query " + id + " to leave RUNNING", () -> send("ADMIN:KYLIN", "GET",
                "/async_query/" + id + "/status", null).path("data").path("status").asText(),
                status -> !"RUNNING".equals(status));
    }

    private static JsonNode send(String credentials, String method, String path, String body) throws Exception {
        return JSON.readTree(raw(credentials, method, path, body).body());
    }

    /** A request with {@code headers} as name, value pairs; Content-Type is JSON unless they name one. */
    private static HttpResponse<String> raw(String credentials, String method, String path, String body,
            String... headers) throws Exception {
        int port = tomcat.getConnector().getLocalPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/kylin/api" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            request.header("Content-Type", "application/json");
        }
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
