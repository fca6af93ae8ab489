package org.apache.kylin.asyncquery.standalone.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs each project's reference queries through the real Calcite JDBC driver over the committed model. */
class SampleProjectsQueryTest {

    private static final Path MODEL = SampleDataGeneratorTest.COMMITTED.resolve("model.json");

    private static final String TPCH_QUERY = "select count(*),L_RECEIPTDELAYED,L_RETURNFLAG,L_SUPPKEY,"
            + "L_RECEIPTDATE,L_SHIPYEAR,L_SHIPINSTRUCT,L_QUANTITY,L_SHIPDELAYED,L_ORDERKEY,L_SHIPMODE,"
            + "L_DISCOUNT,L_SHIPDATE,L_LINESTATUS,L_PARTKEY,V_ORDERS.O_SHIPPRIORITY,V_ORDERS.O_ORDERDATE,"
            + "V_ORDERS.O_ORDERPRIORITY,V_ORDERS.O_CUSTKEY,PART.P_SIZE,PART.P_CONTAINER,PART.P_TYPE,"
            + "PART.P_BRAND ,CUSTOMER.C_ADDRESS ,C_PHONE from v_lineitem inner join V_ORDERS on "
            + "L_ORDERKEY = O_ORDERKEY  inner join PART on L_PARTKEY = P_PARTKEY inner join CUSTOMER on "
            + "O_CUSTKEY = C_CUSTKEY group by L_RECEIPTDELAYED,L_RETURNFLAG,L_SUPPKEY,L_RECEIPTDATE,"
            + "L_SHIPYEAR,L_SHIPINSTRUCT,L_QUANTITY,L_SHIPDELAYED,L_ORDERKEY,L_SHIPMODE,L_DISCOUNT,"
            + "L_SHIPDATE,L_LINESTATUS,L_PARTKEY,V_ORDERS.O_SHIPPRIORITY,V_ORDERS.O_ORDERDATE,"
            + "V_ORDERS.O_ORDERPRIORITY,V_ORDERS.O_CUSTKEY,PART.P_SIZE,PART.P_CONTAINER,PART.P_TYPE,"
            + "PART.P_BRAND, C_ADDRESS,C_PHONE";

    @TempDir
    Path temp;

    /**
     * Opens a connection on the project. Calcite 1.37 ignores the {@code schema} connection
     * property when a model is given (the model's defaultSchema wins), hence setSchema.
     */
    private static Connection connect(Path model, String project) throws SQLException {
        Properties info = new Properties();
        info.setProperty("schema", project);
        Connection connection = DriverManager.getConnection("jdbc:calcite:model=" + model, info);
        connection.setSchema(project);
        return connection;
    }

    private static List<List<Object>> query(String project, String sql) throws SQLException {
        try (Connection connection = connect(MODEL, project);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static long count(String project, String sql) throws SQLException {
        return ((Number) query(project, sql).get(0).get(0)).longValue();
    }

    private static List<String> typeNames(ResultSetMetaData metaData) throws SQLException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            names.add(metaData.getColumnTypeName(i));
        }
        return names;
    }

    @Test
    void learnKylinGmvQueryHasKylinsResultTypes() throws SQLException {
        String sql = "select LSTG_FORMAT_NAME, SLR_SEGMENT_CD, sum(PRICE) as GMV, count(*) as TRANS_CNT "
                + "from KYLIN_SALES group by LSTG_FORMAT_NAME, SLR_SEGMENT_CD";
        try (Connection connection = connect(MODEL, "learn_kylin");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            assertThat(typeNames(rs.getMetaData())).containsExactly("VARCHAR", "SMALLINT", "DECIMAL", "BIGINT");
            long transactions = 0;
            List<String> formats = new ArrayList<>();
            while (rs.next()) {
                formats.add(rs.getString(1));
                transactions += rs.getLong(4);
            }
            assertThat(transactions).isEqualTo(10000);
            assertThat(formats).contains("Auction", "FP-GTC", "FP-non GTC", "ABIN", "Others");
        }
    }

    @Test
    void kylinSalesColumnsHaveKylinsTypes() throws SQLException {
        try (Connection connection = connect(MODEL, "learn_kylin");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from KYLIN_SALES where TRANS_ID = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(typeNames(md)).containsExactly("BIGINT", "DATE", "VARCHAR", "BIGINT", "INTEGER",
                    "SMALLINT", "INTEGER", "DECIMAL", "INTEGER", "INTEGER", "VARCHAR", "VARCHAR");
            assertThat(md.getColumnName(8)).isEqualTo("PRICE");
            assertThat(md.getPrecision(8)).isEqualTo(19);
            assertThat(md.getScale(8)).isEqualTo(4);
            assertThat(md.getColumnName(6)).isEqualTo("SLR_SEGMENT_CD");
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    void learnKylinForeignKeysAllJoin() throws SQLException {
        long joined = count("learn_kylin", "select count(*) from KYLIN_SALES s"
                + " join KYLIN_CAL_DT d on s.PART_DT = d.CAL_DT"
                + " join KYLIN_ACCOUNT b on s.BUYER_ID = b.ACCOUNT_ID"
                + " join KYLIN_ACCOUNT sl on s.SELLER_ID = sl.ACCOUNT_ID"
                + " join KYLIN_COUNTRY bc on b.ACCOUNT_COUNTRY = bc.COUNTRY"
                + " join KYLIN_COUNTRY sc on sl.ACCOUNT_COUNTRY = sc.COUNTRY"
                + " join KYLIN_CATEGORY_GROUPINGS g"
                + " on s.LEAF_CATEG_ID = g.LEAF_CATEG_ID and s.LSTG_SITE_ID = g.SITE_ID");
        assertThat(joined).isEqualTo(10000);
        assertThat(count("learn_kylin", "select count(*) from KYLIN_CAL_DT")).isEqualTo(731);
    }

    @Test
    void ssbFlatLineOrderRunsAndJoinsItsDimensions() throws SQLException {
        assertThat(query("ssb", "select * from p_lineorder")).hasSize(20000);
        assertThat(query("ssb", "select * from p_lineorder limit 100")).hasSize(100);
        assertThat(count("ssb", "select count(*) from p_lineorder where V_REVENUE <> LO_EXTENDEDPRICE * LO_DISCOUNT"))
                .isZero();
        assertThat(count("ssb", "select count(*) from p_lineorder"
                + " join dates od on lo_orderdate = od.d_datekey join dates cd on lo_commitdate = cd.d_datekey"
                + " join customer on lo_custkey = c_custkey join supplier on lo_suppkey = s_suppkey"
                + " join part on lo_partkey = p_partkey")).isEqualTo(20000);
        assertThat(count("ssb", "select sum(v_revenue) from p_lineorder left join dates on lo_orderdate = d_datekey"
                + " where d_year = 1993 and lo_discount between 1 and 3 and lo_quantity < 25")).isPositive();
    }

    @Test
    void tpchReferenceQueryRunsUnchangedAndReturnsRows() throws SQLException {
        List<List<Object>> rows = query("tpch_kap_24", TPCH_QUERY);
        assertThat(rows).isNotEmpty();
        assertThat(rows.get(0)).hasSize(25);
    }

    @Test
    void tpchViewsDeriveYearAndDelayFlags() throws SQLException {
        assertThat(count("tpch_kap_24", "select count(*) from V_LINEITEM")).isEqualTo(6000);
        assertThat(count("tpch_kap_24", "select count(*) from V_LINEITEM where"
                + " L_SHIPYEAR <> EXTRACT(YEAR FROM L_SHIPDATE)"
                + " or L_RECEIPTDELAYED <> CASE WHEN L_RECEIPTDATE > L_COMMITDATE THEN 1 ELSE 0 END"
                + " or L_SHIPDELAYED <> CASE WHEN L_SHIPDATE > L_COMMITDATE THEN 1 ELSE 0 END")).isZero();
        assertThat(count("tpch_kap_24", "select count(*) from V_LINEITEM where L_SHIPDELAYED = 1")).isPositive();
        assertThat(count("tpch_kap_24", "select count(*) from V_LINEITEM where L_RECEIPTDELAYED = 0")).isPositive();
        assertThat(count("tpch_kap_24", "select count(*) from V_ORDERS where O_ORDERYEAR between 1992 and 1998"))
                .isEqualTo(count("tpch_kap_24", "select count(*) from ORDERS"));
    }

    @Test
    void typeSampleHasEveryTypeAndReadsEmptyCellsAsDocumented() throws SQLException {
        List<String[]> expected = TypeSampleTable.rows();
        try (Connection connection = connect(MODEL, "DEFAULT");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from TYPE_SAMPLE order by ID")) {
            assertThat(typeNames(rs.getMetaData())).containsExactly("INTEGER", "VARCHAR", "VARCHAR", "CHAR",
                    "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE", "DECIMAL", "DATE",
                    "TIME", "TIMESTAMP");
            int row = 0;
            while (rs.next()) {
                String[] cells = expected.get(row++);
                assertThat(rs.getInt("ID")).isEqualTo(Integer.parseInt(cells[0]));
                // VARCHAR is never NULL; CR and CRLF come back as LF.
                assertThat(rs.getString("C_VARCHAR")).as("row %s", cells[0])
                        .isEqualTo(cells[2].replace("\r\n", "\n").replace('\r', '\n'));
                // Every other column: an empty cell is SQL NULL.
                for (int column = 4; column < cells.length; column++) {
                    Object value = rs.getObject(column + 1);
                    assertThat(value == null).as("row %s column %s", cells[0], column + 1)
                            .isEqualTo(cells[column] == null);
                }
            }
            assertThat(row).isEqualTo(expected.size());
        }
    }

    @Test
    void typeSampleNullAndExtremeValues() throws SQLException {
        List<List<Object>> allEmpty = query("DEFAULT", "select * from TYPE_SAMPLE where ID = 2");
        assertThat(allEmpty.get(0).get(2)).isEqualTo("");
        assertThat(allEmpty.get(0).get(3)).isEqualTo(" ");
        assertThat(allEmpty.get(0).subList(4, 15)).containsOnlyNulls();

        try (Connection connection = connect(MODEL, "DEFAULT");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select C_BIGINT, C_DECIMAL, C_DATE, C_TIMESTAMP, C_TINYINT"
                        + " from TYPE_SAMPLE where ID = 16")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(Long.MAX_VALUE);
            assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("999999999999999.9999");
            assertThat(rs.getString(3)).isEqualTo("9999-12-31");
            assertThat(rs.getString(4)).isEqualTo("9999-12-31 23:59:59");
            assertThat(rs.getByte(5)).isEqualTo((byte) 127);
        }
        assertThat(count("DEFAULT", "select count(*) from TYPE_SAMPLE where C_DATE is null")).isEqualTo(1);
        assertThat(count("DEFAULT", "select count(*) from TYPE_SAMPLE where C_SMALLINT is null")).isEqualTo(2);
        assertThat(count("DEFAULT", "select count(*) from TYPE_SAMPLE where C_VARCHAR is null")).isZero();
        assertThat(count("DEFAULT", "select count(*) from TEST_KYLIN_FACT")).isEqualTo(1000);
    }

    @Test
    void modelResolvesProjectDirectoriesRelativeToItsOwnLocation() throws SQLException, IOException {
        Path copy = temp.resolve("elsewhere/test-data");
        try (Stream<Path> files = Files.walk(SampleDataGeneratorTest.COMMITTED)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(SampleDataGeneratorTest.COMMITTED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Connection connection = connect(copy.resolve("model.json"), "DEFAULT");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from TYPE_SAMPLE")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(TypeSampleTable.rows().size());
        }
    }

    /** Pins the Calcite behaviour the server must work around: the property alone selects nothing. */
    @Test
    void schemaPropertyIsOverriddenByTheModelsDefaultSchema() throws SQLException {
        Properties info = new Properties();
        info.setProperty("schema", "learn_kylin");
        try (Connection connection = DriverManager.getConnection("jdbc:calcite:model=" + MODEL, info)) {
            assertThat(connection.getSchema()).isEqualTo("DEFAULT");
        }
    }
}
