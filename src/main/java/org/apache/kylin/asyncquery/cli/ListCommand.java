package org.apache.kylin.asyncquery.cli;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code list}: one page of the caller's queries (an administrator's: everyone's), newest first. */
@Command(name = "list", sortOptions = false, description = {"List queries, newest first: a table, or --json."})
final class ListCommand extends ApiCommand {
    private static final String[] HEADINGS = {"QUERY_ID", "STATUS", "PROJECT", "OWNER", "SUBMITTED", "BYTES"};

    @Option(names = {"-p", "--project"}, paramLabel = "PROJECT", description = "Only this project's queries.")
    String project;

    @Option(names = "--owner", paramLabel = "USER", description = "Only this user's (administrators: anyone's).")
    String owner;

    @Option(names = "--page-size", paramLabel = "N", description = "Queries per page (server default 100, at most 1000).")
    Integer pageSize;

    @Option(names = "--page-offset", paramLabel = "N", description = "The page (server default 0).")
    Integer pageOffset;

    @Option(names = "--json", description = "Print the listing's data as JSON (with offset, limit and total_size).")
    boolean json;

    @Override
    ExitCode run() {
        Map<String, Object> parameters = HttpApi.parameters();
        parameters.put("project", project);
        parameters.put("user", owner);
        parameters.put("page_offset", pageOffset);
        parameters.put("page_size", pageSize);
        JsonNode page = api().list(parameters);
        if (json) {
            io().out().println(page);
        } else {
            printTable(page);
        }
        return ExitCode.OK;
    }

    private void printTable(JsonNode page) {
        SimpleDateFormat time = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss");
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (JsonNode query : page.path("value")) {
            JsonNode submitted = query.path("submit_time");
            rows.add(new String[] {query.path("queryID").asText(), query.path("status").asText(),
                query.path("project").asText(""), query.path("owner").asText(""),
                submitted.canConvertToLong() ? time.format(new Date(submitted.asLong())) : "",
                query.path("file_size").canConvertToLong() ? query.path("file_size").asText() : ""});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", row[i]));
            }
            io().out().println(line.toString().replaceAll("\\s+$", ""));
        }
        long total = page.path("total_size").asLong(rows.size() - 1);
        if (total > rows.size() - 1) {
            io().err().println((rows.size() - 1) + " of " + total + " queries shown; see --page-offset");
        }
    }
}
