package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Project {@code learn_kylin}: Kylin's sample star schema with Kylin's column names and types.
 *
 * <ul>
 *   <li>{@code KYLIN_SALES}: 10,000 rows x scale.</li>
 *   <li>{@code KYLIN_ACCOUNT}: 1,000 rows x sqrt(scale).</li>
 *   <li>{@code KYLIN_COUNTRY}, {@code KYLIN_CATEGORY_GROUPINGS}, {@code KYLIN_CAL_DT}: fixed.</li>
 * </ul>
 *
 * <p>Every foreign key joins: {@code PART_DT -> KYLIN_CAL_DT.CAL_DT},
 * {@code BUYER_ID/SELLER_ID -> KYLIN_ACCOUNT.ACCOUNT_ID},
 * {@code ACCOUNT_COUNTRY -> KYLIN_COUNTRY.COUNTRY} and
 * {@code (LEAF_CATEG_ID, LSTG_SITE_ID) -> KYLIN_CATEGORY_GROUPINGS(LEAF_CATEG_ID, SITE_ID)}.
 */
final class LearnKylinProject implements SampleProject {

    static final String SCHEMA = "learn_kylin";

    /** Kylin's listing formats, repeated to weight them. */
    static final String[] LISTING_FORMATS = {"Auction", "Auction", "Auction", "FP-GTC", "FP-GTC",
        "FP-non GTC", "FP-non GTC", "ABIN", "Others"};
    static final int[] SITES = {0, 2, 3, 15, 77, 100, 101, 211};
    private static final String[] SITE_NAMES = {"US", "Canada", "UK", "Australia", "Germany",
        "Motors", "Italy", "Philippines"};
    static final int[] SELLER_SEGMENTS = {-99, 5, 12, 13, 14, 15, 16};
    private static final String[] OPS_USERS = {"ADMIN", "MODELER", "ANALYST"};
    private static final String[] OPS_REGIONS = {"Beijing", "Shanghai", "Hongkong"};
    static final long FIRST_ACCOUNT_ID = 10000000L;

    /** {code, latitude, longitude, name}; latitude/longitude are literal DOUBLE text. */
    private static final String[][] COUNTRIES = {
        {"AU", "-25.27", "133.78", "Australia"},
        {"BA", "43.92", "17.68", "Bosnia and Herzegovina"},
        {"BR", "-14.24", "-51.93", "Brazil"},
        {"CA", "56.13", "-106.35", "Canada"},
        {"CD", "-4.04", "21.76", "Congo [DRC]"},
        {"CI", "7.54", "-5.55", "Côte d'Ivoire"},
        {"CN", "35.86", "104.2", "China"},
        {"DE", "51.17", "10.45", "Germany"},
        {"ES", "40.46", "-3.75", "Spain"},
        {"FR", "46.23", "2.21", "France"},
        {"GB", "55.38", "-3.44", "United Kingdom"},
        {"HK", "22.4", "114.11", "Hong Kong"},
        {"IN", "20.59", "78.96", "India"},
        {"IT", "41.87", "12.57", "Italy"},
        {"JP", "36.2", "138.25", "Japan"},
        {"KN", "17.36", "-62.78", "Saint Kitts and Nevis"},
        {"KR", "35.91", "127.77", "South Korea"},
        {"MX", "23.63", "-102.55", "Mexico"},
        {"NL", "52.13", "5.29", "Netherlands"},
        {"RE", "-21.12", "55.54", "Réunion"},
        {"RU", "61.52", "105.32", "Russia"},
        {"SG", "1.35", "103.82", "Singapore"},
        {"ST", "0.19", "6.61", "São Tomé and Príncipe"},
        {"US", "37.09", "-95.71", "United States"},
        {"ZA", "-30.56", "22.94", "South Africa"},
    };

    /** {leaf id, leaf name, meta id, meta name, lvl2 id, lvl2 name, lvl3 id, lvl3 name, vertical}. */
    private static final String[][] CATEGORIES = {
        {"31387", "Wristwatches", "281", "Jewelry & Watches", "14324", "Watches", "31387", "Wristwatches", "Fashion"},
        {"164", "Rings", "281", "Jewelry & Watches", "10968", "Fine Jewelry", "164", "Rings", "Fashion"},
        {"15687", "T-Shirts", "11450", "Clothing, Shoes & Accessories", "1059", "Men's Clothing", "15687", "T-Shirts", "Fashion"},
        {"63889", "Dresses", "11450", "Clothing, Shoes & Accessories", "15724", "Women's Clothing", "63889", "Dresses", "Fashion"},
        {"175672", "Laptops & Netbooks", "58058", "Computers/Tablets & Networking", "175672", "Laptops & Netbooks", "175672", "Laptops & Netbooks", "Electronics"},
        {"80053", "Monitors", "58058", "Computers/Tablets & Networking", "162", "Monitors, Projectors & Accs", "80053", "Monitors", "Electronics"},
        {"9355", "Cell Phones & Smartphones", "15032", "Cell Phones & Accessories", "9355", "Cell Phones & Smartphones", "9355", "Cell Phones & Smartphones", "Electronics"},
        {"20349", "Cases, Covers & Skins", "15032", "Cell Phones & Accessories", "9394", "Cell Phone Accessories", "20349", "Cases, Covers & Skins", "Electronics"},
        {"2613", "Action Figures", "220", "Toys & Hobbies", "246", "Action Figures", "2613", "TV, Movie & Character Toys", "Collectibles"},
        {"19006", "Building Toys", "220", "Toys & Hobbies", "183446", "Building Toys", "19006", "LEGO Building Toys", "Collectibles"},
        {"13990", "Postcards", "1", "Collectibles", "914", "Postcards & Supplies", "13990", "Topographical Postcards", "Collectibles"},
        {"11554", "Coins: World", "11116", "Coins & Paper Money", "256", "Coins: World", "11554", "Europe", "Collectibles"},
        {"20485", "Bedding", "11700", "Home & Garden", "20444", "Bedding", "20485", "Quilts, Bedspreads & Coverlets", "Home & Garden"},
        {"3199", "Tools & Workshop Equipment", "11700", "Home & Garden", "631", "Tools & Workshop Equipment", "3199", "Hand Tools", "Home & Garden"},
        {"171228", "Fiction & Literature", "267", "Books", "171228", "Fiction & Literature", "171228", "Fiction & Literature", "Media"},
        {"176984", "Records", "11233", "Music", "176985", "Vinyl Records", "176984", "Records", "Media"},
        {"73836", "Golf Clubs", "888", "Sporting Goods", "1513", "Golf", "73836", "Golf Clubs", "Home & Garden"},
        {"177831", "Bicycles", "888", "Sporting Goods", "7294", "Cycling", "177831", "Bicycles", "Home & Garden"},
        {"33707", "Car & Truck Parts", "6000", "eBay Motors", "6028", "Parts & Accessories", "33707", "Car & Truck Parts", "Parts & Accessories"},
        {"95672", "Video Games", "1249", "Video Games & Consoles", "139973", "Video Games", "95672", "Video Games", "Electronics"},
    };

    private static final String[] BUSINESS_MANAGERS = {"Ms. Alice Chen", "Mr. Bob Müller",
        "Mrs. Carol O'Neil", "Mr. 王 伟"};

    @Override
    public String schemaName() {
        return SCHEMA;
    }

    @Override
    public void writeTables(CsvTableWriter.SchemaDirectory directory, Scale scale) throws IOException {
        int accounts = scale.sqrt(1000);
        writeSales(directory, scale.linear(10000), accounts);
        writeAccounts(directory, accounts);
        writeCountries(directory);
        KylinCalendarTable.write(directory);
        writeCategoryGroupings(directory);
    }

    /** Number of (leaf category, site) pairs, the rows of KYLIN_CATEGORY_GROUPINGS. */
    static int categorySitePairs() {
        return CATEGORIES.length * SITES.length;
    }

    static long leafCategoryOfPair(int pair) {
        return Long.parseLong(CATEGORIES[pair / SITES.length][0]);
    }

    static int siteOfPair(int pair) {
        return SITES[pair % SITES.length];
    }

    private static void writeSales(CsvTableWriter.SchemaDirectory directory, int rows, int accounts)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.bigint("TRANS_ID"),
                Column.date("PART_DT"),
                Column.varchar("LSTG_FORMAT_NAME"),
                Column.bigint("LEAF_CATEG_ID"),
                Column.integer("LSTG_SITE_ID"),
                Column.smallint("SLR_SEGMENT_CD"),
                Column.integer("SELLER_ID"),
                Column.decimal("PRICE", 19, 4),
                Column.integer("ITEM_COUNT"),
                Column.integer("BUYER_ID"),
                Column.varchar("OPS_USER_ID"),
                Column.varchar("OPS_REGION"));
        SeededRandom random = new SeededRandom(0x5A1E5L);
        try (CsvTableWriter writer = directory.open("KYLIN_SALES", columns)) {
            for (int i = 0; i < rows; i++) {
                int pair = random.between(0, categorySitePairs() - 1);
                writer.row(
                        (long) i,
                        random.date(KylinCalendarTable.FIRST_DAY, KylinCalendarTable.LAST_DAY),
                        random.pick(LISTING_FORMATS),
                        leafCategoryOfPair(pair),
                        siteOfPair(pair),
                        random.pick(SELLER_SEGMENTS),
                        (int) (FIRST_ACCOUNT_ID + random.between(0, accounts - 1)),
                        random.decimal(1_0000L, 999_9999L, 4),
                        random.between(1, 10),
                        (int) (FIRST_ACCOUNT_ID + random.between(0, accounts - 1)),
                        random.pick(OPS_USERS),
                        random.pick(OPS_REGIONS));
            }
        }
    }

    private static void writeAccounts(CsvTableWriter.SchemaDirectory directory, int rows)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.bigint("ACCOUNT_ID"),
                Column.integer("ACCOUNT_BUYER_LEVEL"),
                Column.integer("ACCOUNT_SELLER_LEVEL"),
                Column.varchar("ACCOUNT_COUNTRY"),
                Column.varchar("ACCOUNT_CONTACT"));
        SeededRandom random = new SeededRandom(0xACC0L);
        try (CsvTableWriter writer = directory.open("KYLIN_ACCOUNT", columns)) {
            for (int i = 0; i < rows; i++) {
                long id = FIRST_ACCOUNT_ID + i;
                writer.row(id, random.between(0, 5), random.between(0, 5),
                        random.pick(COUNTRIES)[0], "user" + id + "@example.com");
            }
        }
    }

    private static void writeCountries(CsvTableWriter.SchemaDirectory directory) throws IOException {
        List<Column> columns = Arrays.asList(
                Column.varchar("COUNTRY"),
                Column.dbl("LATITUDE"),
                Column.dbl("LONGITUDE"),
                Column.varchar("NAME"));
        try (CsvTableWriter writer = directory.open("KYLIN_COUNTRY", columns)) {
            for (String[] country : COUNTRIES) {
                writer.row((Object[]) country);
            }
        }
    }

    private static void writeCategoryGroupings(CsvTableWriter.SchemaDirectory directory)
            throws IOException {
        List<Column> columns = Arrays.asList(
                Column.bigint("LEAF_CATEG_ID"),
                Column.varchar("LEAF_CATEG_NAME"),
                Column.integer("SITE_ID"),
                Column.varchar("CATEG_BUSN_MGR"),
                Column.varchar("CATEG_BUSN_UNIT"),
                Column.varchar("REGN_CATEG"),
                Column.varchar("USER_DEFINED_FIELD1"),
                Column.varchar("USER_DEFINED_FIELD3"),
                Column.varchar("KYLIN_GROUPINGS_CRE_DATE"),
                Column.varchar("KYLIN_GROUPINGS_UPD_DATE"),
                Column.varchar("KYLIN_GROUPINGS_CRE_USER"),
                Column.varchar("KYLIN_GROUPINGS_UPD_USER"),
                // Hive's bare DECIMAL in Kylin's sample DDL means DECIMAL(10,0).
                Column.decimal("META_CATEG_ID", 10, 0),
                Column.varchar("META_CATEG_NAME"),
                Column.decimal("CATEG_LVL2_ID", 10, 0),
                Column.decimal("CATEG_LVL3_ID", 10, 0),
                Column.decimal("CATEG_LVL4_ID", 10, 0),
                Column.decimal("CATEG_LVL5_ID", 10, 0),
                Column.decimal("CATEG_LVL6_ID", 10, 0),
                Column.decimal("CATEG_LVL7_ID", 10, 0),
                Column.varchar("CATEG_LVL2_NAME"),
                Column.varchar("CATEG_LVL3_NAME"),
                Column.varchar("CATEG_LVL4_NAME"),
                Column.varchar("CATEG_LVL5_NAME"),
                Column.varchar("CATEG_LVL6_NAME"),
                Column.varchar("CATEG_LVL7_NAME"),
                Column.decimal("CATEG_FLAGS", 10, 0),
                Column.varchar("ADULT_CATEG_YN"),
                Column.decimal("DOMAIN_ID", 10, 0),
                Column.varchar("USER_DEFINED_FIELD5"),
                Column.decimal("VCS_ID", 10, 0),
                Column.decimal("GCS_ID", 10, 0),
                Column.decimal("MOVE_TO", 10, 0),
                Column.decimal("SAP_CATEGORY_ID", 10, 0),
                Column.tinyint("SRC_ID"),
                Column.varchar("BSNS_VRTCL_NAME"));
        try (CsvTableWriter writer = directory.open("KYLIN_CATEGORY_GROUPINGS", columns)) {
            for (int pair = 0; pair < categorySitePairs(); pair++) {
                int categoryIndex = pair / SITES.length;
                String[] c = CATEGORIES[categoryIndex];
                String siteName = SITE_NAMES[pair % SITES.length];
                BigDecimal leafId = new BigDecimal(c[0]);
                BigDecimal lvl3Id = new BigDecimal(c[6]);
                writer.row(
                        Long.parseLong(c[0]), c[1], siteOfPair(pair),
                        BUSINESS_MANAGERS[categoryIndex % BUSINESS_MANAGERS.length],
                        c[8] + " BU", siteName, siteName, "",
                        "2008-06-03", "2013-07-07", "USER_X", "USER_Y",
                        new BigDecimal(c[2]), c[3],
                        new BigDecimal(c[4]), lvl3Id, leafId, leafId, leafId, leafId,
                        c[5], c[7], c[1], c[1], c[1], c[1],
                        BigDecimal.ZERO, "N", BigDecimal.ZERO, "",
                        BigDecimal.ZERO, new BigDecimal(c[2]), BigDecimal.ZERO,
                        BigDecimal.valueOf(categoryIndex + 1L),
                        siteOfPair(pair) == 100 ? 2 : 1,
                        c[8]);
            }
        }
    }
}
