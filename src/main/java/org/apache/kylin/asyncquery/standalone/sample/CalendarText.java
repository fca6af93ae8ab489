package org.apache.kylin.asyncquery.standalone.sample;

import java.time.LocalDate;
import java.util.Locale;

/**
 * English calendar names and date arithmetic shared by the calendar dimensions.
 *
 * <p>Names are spelled out here instead of coming from {@code DateTimeFormatter}: locale data
 * differs between JDK 8 (JRE data) and 9+ (CLDR), which would make the output JDK-dependent.
 * All arithmetic is on {@link LocalDate}, so nothing depends on the default time zone.
 */
final class CalendarText {

    private static final String[] MONTHS = {"January", "February", "March", "April", "May",
        "June", "July", "August", "September", "October", "November", "December"};

    /** Indexed by {@link #dayOfWeekSundayFirst} - 1. */
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday",
        "Thursday", "Friday", "Saturday"};

    private CalendarText() {
    }

    static String monthName(LocalDate date) {
        return MONTHS[date.getMonthValue() - 1];
    }

    static String monthAbbreviation(LocalDate date) {
        return MONTHS[date.getMonthValue() - 1].substring(0, 3);
    }

    static String dayName(LocalDate date) {
        return DAYS[dayOfWeekSundayFirst(date) - 1];
    }

    /** 1 = Sunday ... 7 = Saturday, the convention of both Kylin's and SSB's calendars. */
    static int dayOfWeekSundayFirst(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    /** The Sunday on or before {@code date}. */
    static LocalDate weekStart(LocalDate date) {
        return date.minusDays(dayOfWeekSundayFirst(date) - 1);
    }

    static int quarter(LocalDate date) {
        return (date.getMonthValue() - 1) / 3 + 1;
    }

    static LocalDate quarterStart(LocalDate date) {
        return LocalDate.of(date.getYear(), (quarter(date) - 1) * 3 + 1, 1);
    }

    static LocalDate quarterEnd(LocalDate date) {
        return quarterStart(date).plusMonths(3).minusDays(1);
    }

    /** Week number in the year, weeks starting on Sunday, the week of January 1st being 1. */
    static int weekOfYear(LocalDate date) {
        LocalDate firstWeekStart = weekStart(date.withDayOfYear(1));
        return (int) ((weekStart(date).toEpochDay() - firstWeekStart.toEpochDay()) / 7) + 1;
    }

    static String twoDigits(int value) {
        return String.format(Locale.ROOT, "%02d", value);
    }

    /** {@code MM/dd/yyyy}. */
    static String usDate(LocalDate date) {
        return twoDigits(date.getMonthValue()) + "/" + twoDigits(date.getDayOfMonth()) + "/"
                + date.getYear();
    }

    /** {@code yyyyMMdd} as an int, the SSB date key. */
    static int dateKey(LocalDate date) {
        return date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }
}
