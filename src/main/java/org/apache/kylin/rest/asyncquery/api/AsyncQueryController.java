package org.apache.kylin.rest.asyncquery.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.apache.kylin.rest.asyncquery.security.CurrentRequester;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.service.AsyncQueryException;
import org.apache.kylin.rest.asyncquery.service.DownloadLink;
import org.apache.kylin.rest.asyncquery.service.DownloadLinks;
import org.apache.kylin.rest.asyncquery.service.QueryDeleter;
import org.apache.kylin.rest.asyncquery.service.QueryListing;
import org.apache.kylin.rest.asyncquery.service.QueryReader;
import org.apache.kylin.rest.asyncquery.service.QueryState;
import org.apache.kylin.rest.asyncquery.service.QuerySummary;
import org.apache.kylin.rest.asyncquery.service.QueryStopper;
import org.apache.kylin.rest.asyncquery.service.QuerySubmitter;
import org.apache.kylin.rest.asyncquery.service.ResultDownload;
import org.apache.kylin.rest.asyncquery.service.SubmitRequest;
import org.apache.kylin.rest.asyncquery.store.QueryFolderGoneException;
import org.apache.kylin.rest.asyncquery.vocabulary.ColumnMeta;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryId;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponents;

/**
 * The async query REST API under {@code /kylin/api/async_query}, as the Kylin and KAP documents describe it. It
 * parses and delegates: submitting, reading, listing, stopping and deleting each have a service class of their
 * own, which owns the rules. A path's {@code {queryId}} reaches a handler only as a {@link QueryId}.
 */
@RestController
@RequestMapping("/async_query")
public class AsyncQueryController {
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final String DOWNLOAD = "download";
    private static final String CANCEL = "cancel";
    private static final String DELETE = "delete";
    private static final String ISSUE_LINK = "download_link";
    private static final String LINK_DOWNLOAD = "link_download";
    static final String DISABLED_MESSAGE = "async query export is disabled on this server";

    private final QuerySubmitter submitter;
    private final QueryReader reader;
    private final QueryListing listing;
    private final QueryStopper stopper;
    private final QueryDeleter deleter;
    private final DownloadLinks links;
    private final CurrentRequester currentRequester;
    private final SubmitRequestParser parser;
    private final RequestBodies bodies;
    private final CrossSiteRequestGuard crossSite;
    private final ApiDescription description;
    private final boolean enabled;

    public AsyncQueryController(QuerySubmitter submitter, QueryReader reader, QueryListing listing,
            QueryStopper stopper, QueryDeleter deleter, DownloadLinks links, CurrentRequester currentRequester,
            AsyncQueryConfig config) {
        this.submitter = requireNonNull(submitter, "submitter is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.listing = requireNonNull(listing, "listing is null");
        this.stopper = requireNonNull(stopper, "stopper is null");
        this.deleter = requireNonNull(deleter, "deleter is null");
        this.links = requireNonNull(links, "links is null");
        this.currentRequester = requireNonNull(currentRequester, "currentRequester is null");
        requireNonNull(config, "config is null");
        this.parser = new SubmitRequestParser(config.limits().maxSqlLength());
        this.bodies = new RequestBodies(config.limits().maxRequestBytes(), config.requestBodyTimeoutMillis(),
                config.maxUploadsInFlight(), System::nanoTime);
        this.crossSite = new CrossSiteRequestGuard(config.allowedOrigins());
        this.description = ApiDescription.load();
        this.enabled = config.enabled();
    }

    /**
     * Runs before every endpoint of this controller, before its arguments are bound: with the switch
     * (kylin.query.async.enabled) off, each one answers ASYNC_QUERY_DISABLED to anyone who reaches it, signed in or
     * not, since there is nothing to protect and a client should not take a disabled server for a wrong password.
     */
    @ModelAttribute
    public void refuseWhileDisabled() {
        if (!enabled) {
            throw new AsyncQueryException(ErrorCode.ASYNC_QUERY_DISABLED, DISABLED_MESSAGE);
        }
    }

    /**
     * Binds {@code {queryId}} for this controller alone: a global converter would reach into a Kylin host's MVC
     * setup. A value that is not a query ID is refused as INVALID_QUERY_ID (see {@link QueryIdEditor}).
     */
    @InitBinder
    public void bindQueryIds(WebDataBinder binder) {
        binder.registerCustomEditor(QueryId.class, new QueryIdEditor());
    }

    /** Every check that needs no body comes before reading it, so a refusal never waits for a slow one. */
    @PostMapping
    public EnvelopeResponse<QueryStatusResponse> submit(HttpServletRequest request) {
        AuditLog.begin(request, "submit", null, null);
        Requester requester = requester(request);
        JsonContentType.require(request);
        byte[] body = bodies.read(request, requester.name());
        SubmitRequest submission = parser.parse(body, request.getCharacterEncoding());
        AuditLog.begin(request, "submit", submission.project(), null);
        QueryState state = submitter.submit(requester, submission);
        AuditLog.done(request, requester.name(), state.status() == QueryStatus.FAILED ? "failed" : "accepted",
                submission.project(), state.queryId());
        return EnvelopeResponse.ok(QueryStatusResponse.of(state));
    }

    /**
     * This API's OpenAPI 3 description, to anyone: it tells nothing of any query, so it asks for no requester. (A
     * standalone server lets it through without credentials; in a Kylin host, Kylin's authentication of
     * {@code /api/**} applies unless the administrator permits the path.) Negotiated like every JSON answer here.
     */
    @GetMapping("/openapi.json")
    public JsonNode apiDescription() {
        return description.document();
    }

    /** Added to Kylin's API, for pickers: the projects the caller may submit to. */
    @GetMapping("/projects")
    public EnvelopeResponse<List<String>> projects(HttpServletRequest request) {
        requester(request);
        return EnvelopeResponse.ok(submitter.projects());
    }

    @GetMapping("/{queryId}/status")
    public EnvelopeResponse<QueryStatusResponse> status(@PathVariable("queryId") QueryId queryId,
            HttpServletRequest request) {
        return EnvelopeResponse.ok(QueryStatusResponse.of(reader.status(requester(request), queryId)));
    }

    /** {@code [[column names], [SQL type names]]}. */
    @GetMapping("/{queryId}/metadata")
    public EnvelopeResponse<List<List<String>>> metadata(@PathVariable("queryId") QueryId queryId,
            HttpServletRequest request) {
        List<ColumnMeta> columns = reader.metadata(requester(request), queryId);
        List<String> names = new ArrayList<>(columns.size());
        List<String> types = new ArrayList<>(columns.size());
        for (ColumnMeta column : columns) {
            names.add(column.name());
            types.add(column.typeName());
        }
        return EnvelopeResponse.ok(Arrays.asList(names, types));
    }

    @GetMapping({"/{queryId}/filestatus", "/{queryId}/file_status"})
    public EnvelopeResponse<Long> fileStatus(@PathVariable("queryId") QueryId queryId, HttpServletRequest request) {
        return EnvelopeResponse.ok(reader.resultSize(requester(request), queryId));
    }

    @AuditLog.Action(DOWNLOAD)
    @RequestMapping(value = {"/{queryId}/result_download", "/{queryId}/result"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    public void download(@PathVariable("queryId") QueryId queryId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AuditLog.begin(request, DOWNLOAD, null, queryId.toString());
        Requester requester = requester(request);
        ResultDownload download = reader.download(requester, queryId);
        AuditLog.done(request, requester.name(), "served", null, queryId.toString());
        DownloadResponder.respond(download, request, response);
    }

    /**
     * A link that downloads the result without credentials until it expires, for the same requesters and under
     * the same switches as {@link #download}; on every server sharing the working directory.
     */
    @AuditLog.Action(ISSUE_LINK)
    @GetMapping("/{queryId}/download_link")
    public EnvelopeResponse<DownloadLinkResponse> downloadLink(@PathVariable("queryId") QueryId queryId,
            HttpServletRequest request) {
        AuditLog.begin(request, ISSUE_LINK, null, queryId.toString());
        Requester requester = requester(request);
        DownloadLink link = links.issue(requester, queryId);
        AuditLog.done(request, requester.name(), "issued", null, queryId.toString());
        UriComponents url = ServletUriComponentsBuilder.fromServletMapping(request)
                .path("/async_query/link/" + link.queryId())
                .query(DownloadLinkParameters.EXPIRES + "=" + link.expiresEpochSeconds() + "&"
                        + DownloadLinkParameters.SIGNATURE + "=" + link.signature())
                .build();
        return EnvelopeResponse.ok(new DownloadLinkResponse(url.toUriString(), url.getPath() + "?" + url.getQuery(),
                link.expiresAtMillis()));
    }

    /**
     * The result a download link names, served exactly as {@link #download} serves it, to whoever holds the link:
     * no credentials are asked for (the link is the credential). Only GET and HEAD, which change nothing, so the
     * cross-site check has nothing to refuse here.
     */
    @AuditLog.Action(LINK_DOWNLOAD)
    @RequestMapping(value = "/link/{queryId}", method = {RequestMethod.GET, RequestMethod.HEAD})
    public void downloadByLink(@PathVariable("queryId") QueryId queryId, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        AuditLog.begin(request, LINK_DOWNLOAD, null, queryId.toString());
        DownloadLinkParameters link = DownloadLinkParameters.read(request);
        ResultDownload download = links.open(queryId, link.expiresEpochSeconds(), link.signature());
        AuditLog.done(request, null, "served", null, queryId.toString());
        try {
            DownloadResponder.respond(download, request, response);
        } catch (QueryFolderGoneException deletedMeanwhile) {
            throw DownloadLinks.invalid();
        }
    }

    @GetMapping("/{queryId}/result_path")
    public EnvelopeResponse<String> resultPath(@PathVariable("queryId") QueryId queryId, HttpServletRequest request) {
        return EnvelopeResponse.ok(reader.resultPath(requester(request), queryId));
    }

    /** The caller's queries, newest first (an administrator's: everyone's), a page at a time. */
    @GetMapping
    public EnvelopeResponse<Page<QuerySummaryResponse>> list(
            @RequestParam(value = "project", required = false) String project,
            @RequestParam(value = "user", required = false) String user,
            @RequestParam(value = "page_offset", required = false) String pageOffset,
            @RequestParam(value = "page_size", required = false) String pageSize, HttpServletRequest request) {
        int offset = RequestParams.intInRange("page_offset", pageOffset, 0, 0, Integer.MAX_VALUE);
        int size = RequestParams.intInRange("page_size", pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        List<QuerySummaryResponse> rows = new ArrayList<>();
        for (QuerySummary summary : listing.list(requester(request), RequestParams.optional(project),
                RequestParams.optional(user))) {
            rows.add(QuerySummaryResponse.of(summary));
        }
        return EnvelopeResponse.ok(Page.of(rows, offset, size));
    }

    /**
     * Deletes results: an administrator's call deletes all, anyone else's only their own. With
     * {@code older_than=yyyy-MM-dd HH:mm:ss} only finished queries submitted before then go.
     */
    @DeleteMapping
    public EnvelopeResponse<Boolean> deleteAll(@RequestParam(value = "older_than", required = false) String olderThan,
            HttpServletRequest request) {
        AuditLog.begin(request, "delete_all", null, null);
        Requester requester = requester(request);
        if (RequestParams.optional(olderThan) == null) {
            deleter.deleteAll(requester);
        } else {
            deleter.deleteOlderThan(requester, RequestParams.dateTime("older_than", olderThan));
        }
        AuditLog.done(request, requester.name(), "deleted", null, null);
        return EnvelopeResponse.ok(true);
    }

    /** Stops a running query without deleting it; it ends FAILED, "cancelled by" the caller. */
    @AuditLog.Action(CANCEL)
    @DeleteMapping("/stop/{queryId}")
    public EnvelopeResponse<Boolean> stop(@PathVariable("queryId") QueryId queryId, HttpServletRequest request) {
        AuditLog.begin(request, CANCEL, null, queryId.toString());
        Requester requester = requester(request);
        stopper.stop(requester, queryId);
        AuditLog.done(request, requester.name(), "cancelled", null, queryId.toString());
        return EnvelopeResponse.ok(true);
    }

    @AuditLog.Action(DELETE)
    @DeleteMapping("/{queryId}")
    public EnvelopeResponse<Boolean> delete(@PathVariable("queryId") QueryId queryId, HttpServletRequest request) {
        AuditLog.begin(request, DELETE, null, queryId.toString());
        Requester requester = requester(request);
        deleter.delete(requester, queryId);
        AuditLog.done(request, requester.name(), "deleted", null, queryId.toString());
        return EnvelopeResponse.ok(true);
    }

    /**
     * The authenticated caller; every endpoint asks, so this is where the one request policy applies: a
     * state-changing request from another site's web page is refused here, before anything else is done.
     */
    private Requester requester(HttpServletRequest request) {
        Requester requester = currentRequester.get().orElseThrow(() -> new AsyncQueryException(
                ErrorCode.UNAUTHORIZED, "Authentication is required: send a user name and password."));
        crossSite.check(request);
        return requester;
    }
}
