package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.vocabulary.ErrorCode;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/** Lists the queries a requester may see: their own, or everyone's for an administrator. */
public final class QueryListing {
    private final QueryCatalog catalog;
    private final QueryAccess access;

    public QueryListing(QueryCatalog catalog, QueryAccess access) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.access = requireNonNull(access, "access is null");
    }

    /**
     * The queries the requester may see, newest first, optionally only one project's (matched case-insensitively)
     * or one user's; only an administrator may ask for another user's.
     */
    public List<QuerySummary> list(Requester requester, String project, String user) {
        if (user != null && !requester.isAdmin() && !user.equals(requester.name())) {
            throw new AsyncQueryException(ErrorCode.ACCESS_DENIED, "User '" + requester.name()
                    + "' may list only their own queries; only an administrator may list another user's.");
        }
        List<QuerySummary> visible = new ArrayList<>();
        for (QuerySummary summary : catalog.all()) {
            QueryRecord record = summary.record();
            if (access.mayAccess(requester, record)
                    && (project == null || project.equalsIgnoreCase(record.project()))
                    && (user == null || user.equals(record.owner()))) {
                visible.add(summary);
            }
        }
        return visible;
    }
}
