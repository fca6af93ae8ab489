package org.apache.kylin.asyncquery.cli;

import java.util.regex.Pattern;

/** Query IDs are UUIDs; one is checked before it becomes part of a URL path. */
final class QueryIds {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private QueryIds() {
    }

    static String check(String queryId) {
        if (queryId == null || !UUID.matcher(queryId.trim()).matches()) {
            throw new CliException(ExitCode.USAGE, "'" + queryId + "' is not a query ID (a UUID such as "
                    + "43eeb967-e76a-4214-8932-70594d454013)");
        }
        return queryId.trim();
    }
}
