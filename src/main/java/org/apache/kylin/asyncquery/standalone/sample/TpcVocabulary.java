package org.apache.kylin.asyncquery.standalone.sample;

import java.util.Locale;

/**
 * Value domains shared by the TPC-H and SSB generators (nations, regions, part attributes,
 * priorities, ship modes, comment words) and the TPC-H-style derived values built from them.
 */
final class TpcVocabulary {

    /** TPC-H nations, indexed by nation key; {@link #NATION_REGIONS} gives each one's region. */
    static final String[] NATIONS = {"ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT",
        "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA", "IRAN", "IRAQ", "JAPAN", "JORDAN",
        "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA", "SAUDI ARABIA", "VIETNAM",
        "RUSSIA", "UNITED KINGDOM", "UNITED STATES"};
    static final String[] REGIONS = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
    static final int[] NATION_REGIONS = {0, 1, 1, 1, 4, 0, 3, 3, 2, 2, 4, 4, 2, 4, 0, 0, 0, 1, 2,
        3, 4, 2, 3, 3, 1};

    static final String[] COLORS = {"almond", "antique", "aquamarine", "azure", "beige", "bisque",
        "black", "blanched", "blue", "blush", "brown", "burlywood", "chartreuse", "chocolate",
        "coral", "cornsilk", "cream", "cyan", "dark", "deep", "dim", "dodger", "firebrick",
        "floral", "forest", "frosted", "gainsboro", "ghost", "goldenrod", "green", "grey",
        "honeydew", "hot", "indian", "ivory", "khaki", "lace", "lavender", "lemon", "light",
        "lime", "linen", "magenta", "maroon", "medium", "metallic", "midnight", "mint", "misty",
        "moccasin", "navajo", "navy", "olive", "orange", "orchid", "pale", "papaya", "peach",
        "peru", "pink", "plum", "powder", "puff", "purple", "red", "rose", "rosy", "royal",
        "saddle", "salmon", "sandy", "seashell", "sienna", "sky", "slate", "smoke", "snow",
        "spring", "steel", "tan", "thistle", "tomato", "turquoise", "violet", "wheat", "white",
        "yellow"};
    private static final String[] TYPE_SIZES = {"STANDARD", "SMALL", "MEDIUM", "LARGE", "ECONOMY", "PROMO"};
    private static final String[] TYPE_FINISHES = {"ANODIZED", "BURNISHED", "PLATED", "POLISHED", "BRUSHED"};
    private static final String[] TYPE_METALS = {"TIN", "NICKEL", "BRASS", "STEEL", "COPPER"};
    private static final String[] CONTAINER_SIZES = {"SM", "LG", "MED", "JUMBO", "WRAP"};
    private static final String[] CONTAINER_KINDS = {"CASE", "BOX", "BAG", "JAR", "PKG", "PACK", "CAN", "DRUM"};

    static final String[] ORDER_PRIORITIES = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
    static final String[] SHIP_MODES = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};
    static final String[] SHIP_INSTRUCTIONS = {"DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"};
    static final String[] MARKET_SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "MACHINERY", "HOUSEHOLD"};
    static final String[] COMMENT_WORDS = {"furiously", "carefully", "quickly", "slyly", "blithely",
        "ironic", "final", "pending", "regular", "express", "special", "bold", "even", "silent",
        "requests", "deposits", "accounts", "packages", "instructions", "theodolites", "foxes",
        "pinto", "beans", "platelets", "ideas", "dependencies", "sleep", "haggle", "nag", "wake",
        "cajole", "detect", "integrate", "boost", "among", "above", "across", "the", "about"};

    private TpcVocabulary() {
    }

    static String partType(SeededRandom random) {
        return random.pick(TYPE_SIZES) + " " + random.pick(TYPE_FINISHES) + " " + random.pick(TYPE_METALS);
    }

    static String container(SeededRandom random) {
        return random.pick(CONTAINER_SIZES) + " " + random.pick(CONTAINER_KINDS);
    }

    /** {@code CC-DDD-DDD-DDDD} where CC is the nation key + 10, as in TPC-H. */
    static String phone(SeededRandom random, int nation) {
        return (nation + 10) + "-" + random.between(100, 999) + "-" + random.between(100, 999)
                + "-" + random.between(1000, 9999);
    }

    /** TPC-H's retail price of a part, in cents (90,000..209,999). */
    static long retailPriceCents(long partKey) {
        return 90000 + (partKey / 10) % 20001 + 100 * (partKey % 1000);
    }

    /** {@code <prefix>#<number>} with the number zero-padded to nine digits, e.g. Customer#000000001. */
    static String numberedName(String prefix, long number) {
        return String.format(Locale.ROOT, "%s#%09d", prefix, number);
    }
}
