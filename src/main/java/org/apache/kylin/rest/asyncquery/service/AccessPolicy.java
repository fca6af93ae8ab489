package org.apache.kylin.rest.asyncquery.service;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apache.kylin.rest.asyncquery.config.ConfigKey;
import org.apache.kylin.rest.asyncquery.config.ExportPolicy;
import org.apache.kylin.rest.asyncquery.security.Requester;
import org.apache.kylin.rest.asyncquery.vocabulary.QueryRecord;

/**
 * The one rule for who may see or change a query: its submitter, or an administrator. Downloads also follow
 * Kylin 5's two export switches.
 */
public final class AccessPolicy {
    private final ExportPolicy exports;

    public AccessPolicy(ExportPolicy exports) {
        this.exports = requireNonNull(exports, "exports is null");
    }

    public boolean mayAccess(Requester requester, QueryRecord record) {
        return requester.isAdmin() || requester.name().equals(record.owner());
    }

    /** Why the requester may not download this result, or empty if they may. */
    public Optional<String> downloadRefusal(Requester requester, QueryRecord record) {
        boolean own = requester.name().equals(record.owner());
        if (!requester.isAdmin() && !exports.allowOther()) {
            return Optional.of("Downloading results is disabled for users who are not administrators ("
                    + ConfigKey.EXPORT_ALLOW_OTHER.key() + "=false).");
        }
        if (requester.isAdmin() && !own && !exports.allowAdmin()) {
            return Optional.of("Administrators may not download other users' results here ("
                    + ConfigKey.EXPORT_ALLOW_ADMIN.key() + "=false).");
        }
        return Optional.empty();
    }
}
