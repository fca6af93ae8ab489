package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Project {@code tpch_kap_24}: TPC-H's {@code LINEITEM}, {@code ORDERS}, {@code PART} and
 * {@code CUSTOMER} with standard column names and types, plus the views {@code V_LINEITEM}
 * and {@code V_ORDERS} that Kylin's TPC-H models are built on.
 *
 * <p>Sizes: {@code LINEITEM} exactly 6,000 rows x scale (the last order may have fewer lines),
 * {@code ORDERS} about a quarter of that, {@code PART} 200 x sqrt(scale), {@code CUSTOMER}
 * 150 x sqrt(scale). Values follow TPC-H's rules where cheap (retail price formula, ship/commit/
 * receipt date offsets, return flag and line status relative to 1995-06-17); there is no
 * {@code SUPPLIER} table, so {@code L_SUPPKEY} joins nothing.
 */
final class TpchProject implements SampleProject {

    static final String SCHEMA = "tpch_kap_24";
    private static final LocalDate FIRST_ORDER_DAY = LocalDate.of(1992, 1, 1);
    private static final LocalDate LAST_ORDER_DAY = LocalDate.of(1998, 8, 2);
    /** TPC-H's CURRENTDATE, which decides return flags and line statuses. */
    private static final LocalDate CURRENT_DATE = LocalDate.of(1995, 6, 17);

    static final List<Column> LINEITEM_COLUMNS = Collections.unmodifiableList(Arrays.asList(
            Column.bigint("L_ORDERKEY"),
            Column.integer("L_PARTKEY"),
            Column.integer("L_SUPPKEY"),
            Column.integer("L_LINENUMBER"),
            Column.decimal("L_QUANTITY", 15, 2),
            Column.decimal("L_EXTENDEDPRICE", 15, 2),
            Column.decimal("L_DISCOUNT", 15, 2),
            Column.decimal("L_TAX", 15, 2),
            Column.varchar("L_RETURNFLAG"),
            Column.varchar("L_LINESTATUS"),
            Column.date("L_SHIPDATE"),
            Column.date("L_COMMITDATE"),
            Column.date("L_RECEIPTDATE"),
            Column.varchar("L_SHIPINSTRUCT"),
            Column.varchar("L_SHIPMODE"),
            Column.varchar("L_COMMENT")));

    static final List<Column> ORDERS_COLUMNS = Collections.unmodifiableList(Arrays.asList(
            Column.bigint("O_ORDERKEY"),
            Column.integer("O_CUSTKEY"),
            Column.varchar("O_ORDERSTATUS"),
            Column.decimal("O_TOTALPRICE", 15, 2),
            Column.date("O_ORDERDATE"),
            Column.varchar("O_ORDERPRIORITY"),
            Column.varchar("O_CLERK"),
            Column.integer("O_SHIPPRIORITY"),
            Column.varchar("O_COMMENT")));

    @Override
    public String schemaName() {
        return SCHEMA;
    }

    @Override
    public List<View> views() {
        return Collections.unmodifiableList(Arrays.asList(
                new View("V_LINEITEM", "SELECT " + columnList(LINEITEM_COLUMNS)
                        + ", CAST(EXTRACT(YEAR FROM L_SHIPDATE) AS INTEGER) AS L_SHIPYEAR"
                        + ", CASE WHEN L_RECEIPTDATE > L_COMMITDATE THEN 1 ELSE 0 END AS L_RECEIPTDELAYED"
                        + ", CASE WHEN L_SHIPDATE > L_COMMITDATE THEN 1 ELSE 0 END AS L_SHIPDELAYED"
                        + " FROM LINEITEM"),
                new View("V_ORDERS", "SELECT " + columnList(ORDERS_COLUMNS)
                        + ", CAST(EXTRACT(YEAR FROM O_ORDERDATE) AS INTEGER) AS O_ORDERYEAR"
                        + " FROM ORDERS")));
    }

    @Override
    public void writeTables(CsvTableWriter.SchemaDirectory directory, Scale scale) throws IOException {
        int parts = scale.sqrt(200);
        int customers = scale.sqrt(150);
        writeOrdersAndLineItems(directory, scale.linear(6000), parts, customers, scale.sqrt(100));
        writeParts(directory, parts);
        writeCustomers(directory, customers);
    }

    private static void writeOrdersAndLineItems(CsvTableWriter.SchemaDirectory directory, int lineItems,
            int parts, int customers, int suppliers) throws IOException {
        SeededRandom random = new SeededRandom(0x79C1L);
        try (CsvTableWriter lineWriter = directory.open("LINEITEM", LINEITEM_COLUMNS);
                CsvTableWriter orderWriter = directory.open("ORDERS", ORDERS_COLUMNS)) {
            int written = 0;
            long orderKey = 0;
            while (written < lineItems) {
                orderKey++;
                int lines = Math.min(random.between(1, 7), lineItems - written);
                LocalDate orderDate = random.date(FIRST_ORDER_DAY, LAST_ORDER_DAY);
                BigDecimal total = BigDecimal.ZERO;
                int shipped = 0;
                for (int line = 1; line <= lines; line++) {
                    int part = random.between(1, parts);
                    BigDecimal quantity = BigDecimal.valueOf(random.between(1, 50));
                    BigDecimal extended = BigDecimal.valueOf(TpcVocabulary.retailPriceCents(part), 2)
                            .multiply(quantity);
                    BigDecimal discount = random.decimal(0, 10, 2);
                    BigDecimal tax = random.decimal(0, 8, 2);
                    LocalDate shipDate = orderDate.plusDays(random.between(1, 121));
                    LocalDate commitDate = orderDate.plusDays(random.between(30, 90));
                    LocalDate receiptDate = shipDate.plusDays(random.between(1, 30));
                    String returnFlag = receiptDate.isAfter(CURRENT_DATE) ? "N" : random.percent(50) ? "R" : "A";
                    boolean lineShipped = !shipDate.isAfter(CURRENT_DATE);
                    shipped += lineShipped ? 1 : 0;
                    total = total.add(extended.multiply(BigDecimal.ONE.add(tax))
                            .multiply(BigDecimal.ONE.subtract(discount)));
                    lineWriter.row(orderKey, part, random.between(1, suppliers), line,
                            quantity.setScale(2), extended, discount, tax, returnFlag,
                            lineShipped ? "F" : "O", shipDate, commitDate, receiptDate,
                            random.pick(TpcVocabulary.SHIP_INSTRUCTIONS),
                            random.pick(TpcVocabulary.SHIP_MODES),
                            random.words(TpcVocabulary.COMMENT_WORDS, 2, 5));
                }
                String status = shipped == lines ? "F" : shipped == 0 ? "O" : "P";
                orderWriter.row(orderKey, random.between(1, customers), status,
                        total.setScale(2, RoundingMode.HALF_UP), orderDate,
                        random.pick(TpcVocabulary.ORDER_PRIORITIES),
                        TpcVocabulary.numberedName("Clerk", random.between(1, 1000)), 0,
                        random.words(TpcVocabulary.COMMENT_WORDS, 3, 8));
                written += lines;
            }
        }
    }

    private static void writeParts(CsvTableWriter.SchemaDirectory directory, int rows) throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("P_PARTKEY"),
                Column.varchar("P_NAME"),
                Column.varchar("P_MFGR"),
                Column.varchar("P_BRAND"),
                Column.varchar("P_TYPE"),
                Column.integer("P_SIZE"),
                Column.varchar("P_CONTAINER"),
                Column.decimal("P_RETAILPRICE", 15, 2),
                Column.varchar("P_COMMENT"));
        SeededRandom random = new SeededRandom(0x79C2L);
        try (CsvTableWriter writer = directory.open("PART", columns)) {
            for (int key = 1; key <= rows; key++) {
                int manufacturer = random.between(1, 5);
                writer.row(key, random.words(TpcVocabulary.COLORS, 5, 5),
                        "Manufacturer#" + manufacturer,
                        "Brand#" + manufacturer + random.between(1, 5),
                        TpcVocabulary.partType(random), random.between(1, 50),
                        TpcVocabulary.container(random),
                        BigDecimal.valueOf(TpcVocabulary.retailPriceCents(key), 2),
                        random.words(TpcVocabulary.COMMENT_WORDS, 1, 4));
            }
        }
    }

    private static void writeCustomers(CsvTableWriter.SchemaDirectory directory, int rows)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("C_CUSTKEY"),
                Column.varchar("C_NAME"),
                Column.varchar("C_ADDRESS"),
                Column.integer("C_NATIONKEY"),
                Column.varchar("C_PHONE"),
                Column.decimal("C_ACCTBAL", 15, 2),
                Column.varchar("C_MKTSEGMENT"),
                Column.varchar("C_COMMENT"));
        SeededRandom random = new SeededRandom(0x79C3L);
        try (CsvTableWriter writer = directory.open("CUSTOMER", columns)) {
            for (int key = 1; key <= rows; key++) {
                int nation = random.between(0, TpcVocabulary.NATIONS.length - 1);
                // TPC-H addresses may contain commas and spaces, which exercises CSV quoting.
                String address = random.alphanumeric(4, 12) + (random.percent(30) ? ", " : " ")
                        + random.alphanumeric(4, 12);
                writer.row(key, TpcVocabulary.numberedName("Customer", key), address, nation,
                        TpcVocabulary.phone(random, nation), random.decimal(-99999, 999999, 2),
                        random.pick(TpcVocabulary.MARKET_SEGMENTS),
                        random.words(TpcVocabulary.COMMENT_WORDS, 3, 8));
            }
        }
    }

    private static String columnList(List<Column> columns) {
        StringBuilder list = new StringBuilder();
        for (Column column : columns) {
            if (list.length() > 0) {
                list.append(", ");
            }
            list.append(column.name());
        }
        return list.toString();
    }
}
