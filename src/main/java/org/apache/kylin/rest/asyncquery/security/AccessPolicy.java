package org.apache.kylin.rest.asyncquery.security;

import org.apache.kylin.rest.asyncquery.store.QueryRecord;

/** The one rule for who may see or change a query: its submitter, or an administrator. */
public final class AccessPolicy {

    public boolean mayAccess(Requester requester, QueryRecord record) {
        return requester.isAdmin() || requester.name().equals(record.owner());
    }
}
