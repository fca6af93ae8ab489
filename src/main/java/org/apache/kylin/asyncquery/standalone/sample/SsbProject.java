package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Project {@code ssb}: the Star Schema Benchmark as Kylin's SSB sample lays it out.
 *
 * <ul>
 *   <li>{@code P_LINEORDER}: the flattened line order with {@code V_REVENUE = LO_EXTENDEDPRICE *
 *       LO_DISCOUNT}; exactly 20,000 rows x scale (the last order may have fewer lines).</li>
 *   <li>{@code CUSTOMER} (300 x sqrt(scale)), {@code SUPPLIER} (40 x sqrt(scale)),
 *       {@code PART} (400 x sqrt(scale)) and {@code DATES} (every day of 1992-1998).</li>
 * </ul>
 *
 * <p>Dates are {@code yyyyMMdd} integers: {@code LO_ORDERDATE} and {@code LO_COMMITDATE} join
 * {@code DATES.D_DATEKEY}. Money columns are integers, as in SSB's generator.
 */
final class SsbProject implements SampleProject {

    static final String SCHEMA = "ssb";
    private static final LocalDate FIRST_DAY = LocalDate.of(1992, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(1998, 12, 31);
    private static final LocalDate LAST_ORDER_DAY = LocalDate.of(1998, 8, 2);

    @Override
    public String schemaName() {
        return SCHEMA;
    }

    @Override
    public void writeTables(CsvTableWriter.SchemaDirectory directory, Scale scale) throws IOException {
        int customers = scale.sqrt(300);
        int suppliers = scale.sqrt(40);
        int parts = scale.sqrt(400);
        writeLineOrders(directory, scale.linear(20000), customers, suppliers, parts);
        writeCustomers(directory, customers);
        writeDates(directory);
        writeParts(directory, parts);
        writeSuppliers(directory, suppliers);
    }

    private static void writeLineOrders(CsvTableWriter.SchemaDirectory directory, int rows,
            int customers, int suppliers, int parts) throws IOException {
        List<Column> columns = Arrays.asList(
                Column.bigint("LO_ORDERKEY"),
                Column.bigint("LO_LINENUMBER"),
                Column.integer("LO_CUSTKEY"),
                Column.integer("LO_PARTKEY"),
                Column.integer("LO_SUPPKEY"),
                Column.integer("LO_ORDERDATE"),
                Column.varchar("LO_ORDERPRIORITY"),
                Column.integer("LO_SHIPPRIORITY"),
                Column.bigint("LO_QUANTITY"),
                Column.bigint("LO_EXTENDEDPRICE"),
                Column.bigint("LO_ORDTOTALPRICE"),
                Column.bigint("LO_DISCOUNT"),
                Column.bigint("LO_REVENUE"),
                Column.bigint("LO_SUPPLYCOST"),
                Column.bigint("LO_TAX"),
                Column.integer("LO_COMMITDATE"),
                Column.varchar("LO_SHIPMODE"),
                Column.bigint("V_REVENUE"));
        SeededRandom random = new SeededRandom(0x55B1L);
        try (CsvTableWriter writer = directory.open("P_LINEORDER", columns)) {
            int written = 0;
            long orderKey = 0;
            while (written < rows) {
                orderKey++;
                int lines = Math.min(random.between(1, 7), rows - written);
                int customer = random.between(1, customers);
                LocalDate orderDate = random.date(FIRST_DAY, LAST_ORDER_DAY);
                String priority = random.pick(TpcVocabulary.ORDER_PRIORITIES);
                // Each order's total depends on all of its lines, so build them first.
                List<long[]> orderLines = new ArrayList<>(lines);
                long orderTotal = 0;
                for (int line = 0; line < lines; line++) {
                    int part = random.between(1, parts);
                    long quantity = random.between(1, 50);
                    long price = TpcVocabulary.retailPriceCents(part);
                    long extended = quantity * price;
                    long discount = random.between(0, 10);
                    long tax = random.between(0, 8);
                    int supplier = random.between(1, suppliers);
                    long commitDate = CalendarText.dateKey(orderDate.plusDays(random.between(30, 90)));
                    long shipMode = random.between(0, TpcVocabulary.SHIP_MODES.length - 1);
                    orderTotal += extended * (100 - discount) * (100 + tax) / 10000;
                    orderLines.add(new long[] {part, supplier, quantity, price, extended, discount,
                        tax, commitDate, shipMode});
                }
                for (int line = 0; line < lines; line++) {
                    long[] l = orderLines.get(line);
                    writer.row(orderKey, (long) line + 1, customer, (int) l[0], (int) l[1],
                            CalendarText.dateKey(orderDate), priority, 0,
                            l[2], l[4], orderTotal, l[5], l[4] * (100 - l[5]) / 100,
                            6 * l[3] / 10, l[6], (int) l[7],
                            TpcVocabulary.SHIP_MODES[(int) l[8]], l[4] * l[5]);
                }
                written += lines;
            }
        }
    }

    private static void writeCustomers(CsvTableWriter.SchemaDirectory directory, int rows)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("C_CUSTKEY"),
                Column.varchar("C_NAME"),
                Column.varchar("C_ADDRESS"),
                Column.varchar("C_CITY"),
                Column.varchar("C_NATION"),
                Column.varchar("C_REGION"),
                Column.varchar("C_PHONE"),
                Column.varchar("C_MKTSEGMENT"));
        SeededRandom random = new SeededRandom(0x55B2L);
        try (CsvTableWriter writer = directory.open("CUSTOMER", columns)) {
            for (int key = 1; key <= rows; key++) {
                int nation = random.between(0, TpcVocabulary.NATIONS.length - 1);
                writer.row(key, TpcVocabulary.numberedName("Customer", key), random.alphanumeric(10, 25),
                        city(nation, random), TpcVocabulary.NATIONS[nation],
                        TpcVocabulary.REGIONS[TpcVocabulary.NATION_REGIONS[nation]],
                        TpcVocabulary.phone(random, nation), random.pick(TpcVocabulary.MARKET_SEGMENTS));
            }
        }
    }

    private static void writeSuppliers(CsvTableWriter.SchemaDirectory directory, int rows)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("S_SUPPKEY"),
                Column.varchar("S_NAME"),
                Column.varchar("S_ADDRESS"),
                Column.varchar("S_CITY"),
                Column.varchar("S_NATION"),
                Column.varchar("S_REGION"),
                Column.varchar("S_PHONE"));
        SeededRandom random = new SeededRandom(0x55B3L);
        try (CsvTableWriter writer = directory.open("SUPPLIER", columns)) {
            for (int key = 1; key <= rows; key++) {
                int nation = random.between(0, TpcVocabulary.NATIONS.length - 1);
                writer.row(key, TpcVocabulary.numberedName("Supplier", key), random.alphanumeric(10, 25),
                        city(nation, random), TpcVocabulary.NATIONS[nation],
                        TpcVocabulary.REGIONS[TpcVocabulary.NATION_REGIONS[nation]],
                        TpcVocabulary.phone(random, nation));
            }
        }
    }

    private static void writeParts(CsvTableWriter.SchemaDirectory directory, int rows)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("P_PARTKEY"),
                Column.varchar("P_NAME"),
                Column.varchar("P_MFGR"),
                Column.varchar("P_CATEGORY"),
                Column.varchar("P_BRAND"),
                Column.varchar("P_COLOR"),
                Column.varchar("P_TYPE"),
                Column.integer("P_SIZE"),
                Column.varchar("P_CONTAINER"));
        SeededRandom random = new SeededRandom(0x55B4L);
        try (CsvTableWriter writer = directory.open("PART", columns)) {
            for (int key = 1; key <= rows; key++) {
                int manufacturer = random.between(1, 5);
                String category = "MFGR#" + manufacturer + random.between(1, 5);
                writer.row(key, random.words(TpcVocabulary.COLORS, 2, 2), "MFGR#" + manufacturer,
                        category, category + random.between(1, 40), random.pick(TpcVocabulary.COLORS),
                        TpcVocabulary.partType(random), random.between(1, 50),
                        TpcVocabulary.container(random));
            }
        }
    }

    private static void writeDates(CsvTableWriter.SchemaDirectory directory) throws IOException {
        List<Column> columns = Arrays.asList(
                Column.integer("D_DATEKEY"),
                Column.varchar("D_DATE"),
                Column.varchar("D_DAYOFWEEK"),
                Column.varchar("D_MONTH"),
                Column.integer("D_YEAR"),
                Column.integer("D_YEARMONTHNUM"),
                Column.varchar("D_YEARMONTH"),
                Column.integer("D_DAYNUMINWEEK"),
                Column.integer("D_DAYNUMINMONTH"),
                Column.integer("D_DAYNUMINYEAR"),
                Column.integer("D_MONTHNUMINYEAR"),
                Column.integer("D_WEEKNUMINYEAR"),
                Column.varchar("D_SELLINGSEASON"),
                Column.integer("D_LASTDAYINWEEKFL"),
                Column.integer("D_LASTDAYINMONTHFL"),
                Column.integer("D_HOLIDAYFL"),
                Column.integer("D_WEEKDAYFL"));
        try (CsvTableWriter writer = directory.open("DATES", columns)) {
            for (LocalDate d = FIRST_DAY; !d.isAfter(LAST_DAY); d = d.plusDays(1)) {
                int dayOfWeek = CalendarText.dayOfWeekSundayFirst(d);
                writer.row(CalendarText.dateKey(d),
                        CalendarText.monthName(d) + " " + d.getDayOfMonth() + ", " + d.getYear(),
                        CalendarText.dayName(d), CalendarText.monthName(d), d.getYear(),
                        d.getYear() * 100 + d.getMonthValue(),
                        CalendarText.monthAbbreviation(d) + d.getYear(),
                        dayOfWeek, d.getDayOfMonth(), d.getDayOfYear(), d.getMonthValue(),
                        CalendarText.weekOfYear(d), sellingSeason(d),
                        dayOfWeek == 7 ? 1 : 0,
                        d.getDayOfMonth() == d.lengthOfMonth() ? 1 : 0,
                        isHoliday(d) ? 1 : 0,
                        dayOfWeek >= 2 && dayOfWeek <= 6 ? 1 : 0);
            }
        }
    }

    /** SSB's city: the nation name cut or space-padded to nine characters, plus a digit. */
    private static String city(int nation, SeededRandom random) {
        StringBuilder city = new StringBuilder(TpcVocabulary.NATIONS[nation]);
        city.setLength(9);
        for (int i = 0; i < city.length(); i++) {
            if (city.charAt(i) == '\0') {
                city.setCharAt(i, ' ');
            }
        }
        return city.append(random.between(0, 9)).toString();
    }

    private static String sellingSeason(LocalDate d) {
        int month = d.getMonthValue();
        if (month == 12) {
            return "Christmas";
        }
        if (month <= 2) {
            return "Winter";
        }
        if (month <= 5) {
            return "Spring";
        }
        return month <= 8 ? "Summer" : "Fall";
    }

    private static boolean isHoliday(LocalDate d) {
        int monthDay = d.getMonthValue() * 100 + d.getDayOfMonth();
        return monthDay == 101 || monthDay == 704 || monthDay == 1224 || monthDay == 1225
                || monthDay == 1231;
    }
}
