package org.apache.kylin.asyncquery.standalone.sample;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code learn_kylin.KYLIN_CAL_DT}: the 100-column calendar dimension of Kylin's sample cube,
 * one row per day of {@link #FIRST_DAY}..{@link #LAST_DAY} regardless of scale.
 *
 * <p>Column names and types follow Kylin's sample table definition; the values are computed
 * from the date (retail periods are approximated by Sunday-aligned calendar periods). "Age"
 * and "to date" columns are relative to {@link #TODAY}, the last day of the calendar, so the
 * data never depends on when it is generated.
 */
final class KylinCalendarTable {

    static final String TABLE = "KYLIN_CAL_DT";
    static final LocalDate FIRST_DAY = LocalDate.of(2012, 1, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2013, 12, 31);
    private static final LocalDate TODAY = LAST_DAY;
    private static final LocalDate CALENDAR_ORIGIN = LocalDate.of(1900, 1, 1);

    private KylinCalendarTable() {
    }

    static void write(CsvTableWriter.SchemaDirectory directory) throws IOException {
        try (CsvTableWriter writer = directory.open(TABLE, columns())) {
            for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
                writer.row(row(day).toArray());
            }
        }
    }

    private static List<Column> columns() {
        List<Column> c = new ArrayList<>();
        c.add(Column.date("CAL_DT"));
        for (String name : new String[] {"YEAR_BEG_DT", "QTR_BEG_DT", "MONTH_BEG_DT", "WEEK_BEG_DT"}) {
            c.add(Column.date(name));
        }
        for (String name : new String[] {"AGE_FOR_YEAR_ID", "AGE_FOR_QTR_ID", "AGE_FOR_MONTH_ID",
            "AGE_FOR_WEEK_ID", "AGE_FOR_DT_ID", "AGE_FOR_RTL_YEAR_ID", "AGE_FOR_RTL_QTR_ID",
            "AGE_FOR_RTL_MONTH_ID", "AGE_FOR_RTL_WEEK_ID", "AGE_FOR_CS_WEEK_ID"}) {
            c.add(Column.smallint(name));
        }
        c.add(Column.integer("DAY_OF_CAL_ID"));
        c.add(Column.smallint("DAY_OF_YEAR_ID"));
        c.add(Column.smallint("DAY_OF_QTR_ID"));
        c.add(Column.smallint("DAY_OF_MONTH_ID"));
        c.add(Column.integer("DAY_OF_WEEK_ID"));
        c.add(Column.tinyint("WEEK_OF_YEAR_ID"));
        c.add(Column.integer("WEEK_OF_CAL_ID"));
        c.add(Column.tinyint("MONTH_OF_QTR_ID"));
        c.add(Column.tinyint("MONTH_OF_YEAR_ID"));
        c.add(Column.smallint("MONTH_OF_CAL_ID"));
        c.add(Column.tinyint("QTR_OF_YEAR_ID"));
        c.add(Column.smallint("QTR_OF_CAL_ID"));
        c.add(Column.smallint("YEAR_OF_CAL_ID"));
        for (String name : new String[] {"YEAR_END_DT", "QTR_END_DT", "MONTH_END_DT", "WEEK_END_DT",
            "CAL_DT_NAME", "CAL_DT_DESC", "CAL_DT_SHORT_NAME"}) {
            c.add(Column.varchar(name));
        }
        for (String name : new String[] {"YTD_YN_ID", "QTD_YN_ID", "MTD_YN_ID", "WTD_YN_ID"}) {
            c.add(Column.tinyint(name));
        }
        c.add(Column.varchar("SEASON_BEG_DT"));
        c.add(Column.smallint("DAY_IN_YEAR_COUNT"));
        c.add(Column.tinyint("DAY_IN_QTR_COUNT"));
        c.add(Column.tinyint("DAY_IN_MONTH_COUNT"));
        c.add(Column.tinyint("DAY_IN_WEEK_COUNT"));
        for (String name : new String[] {"RTL_YEAR_BEG_DT", "RTL_QTR_BEG_DT", "RTL_MONTH_BEG_DT",
            "RTL_WEEK_BEG_DT", "CS_WEEK_BEG_DT", "CAL_DATE", "DAY_OF_WEEK", "MONTH_ID", "PRD_DESC",
            "PRD_FLAG", "PRD_ID", "PRD_IND", "QTR_DESC", "QTR_ID", "QTR_IND", "RETAIL_WEEK",
            "RETAIL_YEAR", "RETAIL_START_DATE", "RETAIL_WK_END_DATE", "WEEK_IND", "WEEK_NUM_DESC",
            "WEEK_BEG_DATE", "WEEK_END_DATE", "WEEK_IN_YEAR_ID", "WEEK_ID", "WEEK_BEG_END_DESC_MDY",
            "WEEK_BEG_END_DESC_MD", "YEAR_ID", "YEAR_IND", "CAL_DT_MNS_1YEAR_DT",
            "CAL_DT_MNS_2YEAR_DT", "CAL_DT_MNS_1QTR_DT", "CAL_DT_MNS_2QTR_DT",
            "CAL_DT_MNS_1MONTH_DT", "CAL_DT_MNS_2MONTH_DT", "CAL_DT_MNS_1WEEK_DT",
            "CAL_DT_MNS_2WEEK_DT"}) {
            c.add(Column.varchar(name));
        }
        for (String name : new String[] {"CURR_CAL_DT_MNS_1YEAR_YN_ID", "CURR_CAL_DT_MNS_2YEAR_YN_ID",
            "CURR_CAL_DT_MNS_1QTR_YN_ID", "CURR_CAL_DT_MNS_2QTR_YN_ID", "CURR_CAL_DT_MNS_1MONTH_YN_ID",
            "CURR_CAL_DT_MNS_2MONTH_YN_ID", "CURR_CAL_DT_MNS_1WEEK_YN_IND",
            "CURR_CAL_DT_MNS_2WEEK_YN_IND"}) {
            c.add(Column.tinyint(name));
        }
        c.add(Column.varchar("RTL_MONTH_OF_RTL_YEAR_ID"));
        for (String name : new String[] {"RTL_QTR_OF_RTL_YEAR_ID", "RTL_WEEK_OF_RTL_YEAR_ID",
            "SEASON_OF_YEAR_ID", "YTM_YN_ID", "YTQ_YN_ID", "YTW_YN_ID"}) {
            c.add(Column.tinyint(name));
        }
        for (String name : new String[] {"KYLIN_CAL_DT_CRE_DATE", "KYLIN_CAL_DT_CRE_USER",
            "KYLIN_CAL_DT_UPD_DATE", "KYLIN_CAL_DT_UPD_USER"}) {
            c.add(Column.varchar(name));
        }
        return c;
    }

    private static List<Object> row(LocalDate d) {
        LocalDate yearBeg = d.withDayOfYear(1);
        LocalDate qtrBeg = CalendarText.quarterStart(d);
        LocalDate monthBeg = d.withDayOfMonth(1);
        LocalDate weekBeg = CalendarText.weekStart(d);
        LocalDate weekEnd = weekBeg.plusDays(6);
        int quarter = CalendarText.quarter(d);
        int week = CalendarText.weekOfYear(d);
        int year = d.getYear();
        String yyyy = Integer.toString(year);
        String mm = CalendarText.twoDigits(d.getMonthValue());
        String ww = CalendarText.twoDigits(week);

        int ageYear = year - TODAY.getYear();
        int ageQtr = quarterIndex(d) - quarterIndex(TODAY);
        int ageMonth = monthIndex(d) - monthIndex(TODAY);
        int ageWeek = (int) (ChronoUnit.DAYS.between(CalendarText.weekStart(TODAY), weekBeg) / 7);
        int ageDay = (int) ChronoUnit.DAYS.between(TODAY, d);

        List<Object> v = new ArrayList<>(100);
        v.add(d);
        v.add(yearBeg);
        v.add(qtrBeg);
        v.add(monthBeg);
        v.add(weekBeg);
        v.add(ageYear);
        v.add(ageQtr);
        v.add(ageMonth);
        v.add(ageWeek);
        v.add(ageDay);
        v.add(ageYear);
        v.add(ageQtr);
        v.add(ageMonth);
        v.add(ageWeek);
        v.add(ageWeek);
        v.add((int) ChronoUnit.DAYS.between(CALENDAR_ORIGIN, d) + 1);
        v.add(d.getDayOfYear());
        v.add((int) ChronoUnit.DAYS.between(qtrBeg, d) + 1);
        v.add(d.getDayOfMonth());
        v.add(CalendarText.dayOfWeekSundayFirst(d));
        v.add(week);
        v.add((int) (ChronoUnit.DAYS.between(CalendarText.weekStart(CALENDAR_ORIGIN), weekBeg) / 7) + 1);
        v.add((d.getMonthValue() - 1) % 3 + 1);
        v.add(d.getMonthValue());
        v.add((year - CALENDAR_ORIGIN.getYear()) * 12 + d.getMonthValue());
        v.add(quarter);
        v.add((year - CALENDAR_ORIGIN.getYear()) * 4 + quarter);
        v.add(year - CALENDAR_ORIGIN.getYear() + 1);
        v.add(d.withDayOfYear(d.lengthOfYear()).toString());
        v.add(CalendarText.quarterEnd(d).toString());
        v.add(d.withDayOfMonth(d.lengthOfMonth()).toString());
        v.add(weekEnd.toString());
        v.add(CalendarText.twoDigits(d.getDayOfMonth()) + "-" + CalendarText.monthAbbreviation(d) + "-" + yyyy);
        v.add(CalendarText.dayName(d) + ", " + CalendarText.monthName(d) + " " + d.getDayOfMonth() + ", " + yyyy);
        v.add(CalendarText.dayName(d).substring(0, 3) + " " + CalendarText.usDate(d).substring(0, 6)
                + yyyy.substring(2));
        v.add(flag(d.getDayOfYear() <= TODAY.getDayOfYear()));
        v.add(flag(ChronoUnit.DAYS.between(qtrBeg, d) <= ChronoUnit.DAYS.between(CalendarText.quarterStart(TODAY), TODAY)));
        v.add(flag(d.getDayOfMonth() <= TODAY.getDayOfMonth()));
        v.add(flag(CalendarText.dayOfWeekSundayFirst(d) <= CalendarText.dayOfWeekSundayFirst(TODAY)));
        v.add(seasonStart(d).toString());
        v.add(d.lengthOfYear());
        v.add((int) ChronoUnit.DAYS.between(qtrBeg, CalendarText.quarterEnd(d)) + 1);
        v.add(d.lengthOfMonth());
        v.add(7);
        v.add(CalendarText.weekStart(yearBeg).toString());
        v.add(CalendarText.weekStart(qtrBeg).toString());
        v.add(CalendarText.weekStart(monthBeg).toString());
        v.add(weekBeg.toString());
        v.add(weekBeg.toString());
        v.add(CalendarText.usDate(d));
        v.add(CalendarText.dayName(d));
        v.add(yyyy + "M" + mm);
        v.add(CalendarText.monthAbbreviation(d) + "-" + yyyy);
        v.add(indicator(monthIndex(d) == monthIndex(TODAY)));
        v.add(yyyy + mm);
        v.add(indicator(monthIndex(d) < monthIndex(TODAY)));
        v.add("Year " + yyyy + " - Quarter " + CalendarText.twoDigits(quarter));
        v.add(yyyy + "Q" + CalendarText.twoDigits(quarter));
        v.add(indicator(quarterIndex(d) == quarterIndex(TODAY)));
        v.add(Integer.toString(week));
        v.add(yyyy);
        v.add(weekBeg.toString());
        v.add(weekEnd.toString());
        v.add(indicator(weekBeg.equals(CalendarText.weekStart(TODAY))));
        v.add("Wk." + ww + " - " + yyyy.substring(2));
        v.add(weekBeg.toString());
        v.add(weekEnd.toString());
        v.add(yyyy + "-" + ww);
        v.add(yyyy + "W" + ww);
        v.add(CalendarText.usDate(weekBeg) + " - " + CalendarText.usDate(weekEnd));
        v.add(CalendarText.usDate(weekBeg).substring(0, 5) + " - " + CalendarText.usDate(weekEnd).substring(0, 5));
        v.add(yyyy);
        v.add(indicator(year == TODAY.getYear()));
        v.add(d.minusYears(1).toString());
        v.add(d.minusYears(2).toString());
        v.add(d.minusMonths(3).toString());
        v.add(d.minusMonths(6).toString());
        v.add(d.minusMonths(1).toString());
        v.add(d.minusMonths(2).toString());
        v.add(d.minusWeeks(1).toString());
        v.add(d.minusWeeks(2).toString());
        v.add(flag(d.equals(TODAY.minusYears(1))));
        v.add(flag(d.equals(TODAY.minusYears(2))));
        v.add(flag(d.equals(TODAY.minusMonths(3))));
        v.add(flag(d.equals(TODAY.minusMonths(6))));
        v.add(flag(d.equals(TODAY.minusMonths(1))));
        v.add(flag(d.equals(TODAY.minusMonths(2))));
        v.add(flag(d.equals(TODAY.minusWeeks(1))));
        v.add(flag(d.equals(TODAY.minusWeeks(2))));
        v.add(Integer.toString(d.getMonthValue()));
        v.add(quarter);
        v.add(week);
        v.add(seasonOfYear(d));
        v.add(flag(d.getMonthValue() < TODAY.getMonthValue()));
        v.add(flag(quarter < CalendarText.quarter(TODAY)));
        v.add(flag(week < CalendarText.weekOfYear(TODAY)));
        v.add("2005-09-07");
        v.add("USER_X");
        v.add("2013-11-27 00:16:56");
        v.add("USER_X");
        return v;
    }

    private static int quarterIndex(LocalDate d) {
        return d.getYear() * 4 + CalendarText.quarter(d) - 1;
    }

    private static int monthIndex(LocalDate d) {
        return d.getYear() * 12 + d.getMonthValue() - 1;
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static String indicator(boolean value) {
        return value ? "Y" : "N";
    }

    /** 1 = winter (Dec-Feb), 2 = spring, 3 = summer, 4 = fall. */
    private static int seasonOfYear(LocalDate d) {
        return d.getMonthValue() % 12 / 3 + 1;
    }

    private static LocalDate seasonStart(LocalDate d) {
        int month = d.getMonthValue();
        if (month <= 2) {
            return LocalDate.of(d.getYear() - 1, 12, 1);
        }
        return LocalDate.of(d.getYear(), month - (month % 3), 1);
    }
}
