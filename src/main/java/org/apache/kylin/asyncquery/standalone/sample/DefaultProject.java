package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Project {@code DEFAULT}: {@code TEST_KYLIN_FACT}, a small fact table shaped like Kylin's test
 * fact table (1,000 rows x scale), and {@code TYPE_SAMPLE} (fixed, see {@link TypeSampleTable}).
 */
final class DefaultProject implements SampleProject {

    static final String SCHEMA = "DEFAULT";

    @Override
    public String schemaName() {
        return SCHEMA;
    }

    @Override
    public void writeTables(CsvTableWriter.SchemaDirectory directory, Scale scale) throws IOException {
        writeFact(directory, scale.linear(1000));
        TypeSampleTable.write(directory);
    }

    private static void writeFact(CsvTableWriter.SchemaDirectory directory, int rows) throws IOException {
        List<Column> columns = Arrays.asList(
                Column.bigint("TRANS_ID"),
                Column.bigint("ORDER_ID"),
                Column.date("CAL_DT"),
                Column.varchar("LSTG_FORMAT_NAME"),
                Column.bigint("LEAF_CATEG_ID"),
                Column.integer("LSTG_SITE_ID"),
                Column.smallint("SLR_SEGMENT_CD"),
                Column.integer("SELLER_ID"),
                Column.decimal("PRICE", 19, 4),
                Column.integer("ITEM_COUNT"),
                Column.varchar("TEST_COUNT_DISTINCT_BITMAP"));
        SeededRandom random = new SeededRandom(0xFAC7L);
        long orderId = 0;
        try (CsvTableWriter writer = directory.open("TEST_KYLIN_FACT", columns)) {
            for (int i = 0; i < rows; i++) {
                // About three transactions per order, like a basket.
                if (i == 0 || random.percent(35)) {
                    orderId++;
                }
                int pair = random.between(0, LearnKylinProject.categorySitePairs() - 1);
                writer.row(
                        (long) i,
                        orderId,
                        random.date(KylinCalendarTable.FIRST_DAY, KylinCalendarTable.LAST_DAY),
                        random.pick(LearnKylinProject.LISTING_FORMATS),
                        LearnKylinProject.leafCategoryOfPair(pair),
                        LearnKylinProject.siteOfPair(pair),
                        random.pick(LearnKylinProject.SELLER_SEGMENTS),
                        random.between(10000000, 10000999),
                        random.decimal(1_0000L, 999_9999L, 4),
                        random.between(1, 10),
                        "ABIN" + random.between(1, 200));
            }
        }
    }
}
