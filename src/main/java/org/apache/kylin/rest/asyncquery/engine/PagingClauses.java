package org.apache.kylin.rest.asyncquery.engine;

import java.util.List;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Whether a statement limits or offsets its own top-level result. Found with a SQL parser so that a LIMIT in a
 * subquery, a string literal or a comment does not count.
 */
final class PagingClauses {
    static final PagingClauses NONE = new PagingClauses(false, false, false);

    private final boolean hasLimit;
    private final boolean hasFetch;
    private final boolean hasOffset;

    private PagingClauses(boolean hasLimit, boolean hasFetch, boolean hasOffset) {
        this.hasLimit = hasLimit;
        this.hasFetch = hasFetch;
        this.hasOffset = hasOffset;
    }

    /** Inspects {@code sql}; SQL the parser does not understand is treated as having neither clause. */
    static PagingClauses of(String sql) {
        Statement statement;
        try {
            // Parse on the caller's thread: CCJSqlParserUtil.parse(String) would start a thread for every call.
            statement = CCJSqlParserUtil.newParser(sql).Statement();
        } catch (ParseException | RuntimeException e) {
            return NONE;
        }
        if (!(statement instanceof Select)) {
            return NONE;
        }
        Select select = (Select) statement;
        while (select instanceof ParenthesedSelect && select.getLimit() == null && select.getOffset() == null
                && select.getFetch() == null) {
            select = ((ParenthesedSelect) select).getSelect();
        }
        PagingClauses clauses = ofSelect(select);
        if (select instanceof SetOperationList) {
            // The parser hangs a trailing "UNION ... LIMIT n" on the last branch; in SQL it limits the whole union.
            List<Select> branches = ((SetOperationList) select).getSelects();
            Select last = branches.get(branches.size() - 1);
            if (!(last instanceof ParenthesedSelect)) {
                PagingClauses trailing = ofSelect(last);
                clauses = new PagingClauses(clauses.hasLimit || trailing.hasLimit, clauses.hasFetch || trailing.hasFetch,
                        clauses.hasOffset || trailing.hasOffset);
            }
        }
        return clauses;
    }

    private static PagingClauses ofSelect(Select select) {
        boolean offset = select.getOffset() != null
                || (select.getLimit() != null && select.getLimit().getOffset() != null);
        return new PagingClauses(select.getLimit() != null, select.getFetch() != null, offset);
    }

    /** LIMIT or FETCH FIRST: the statement caps its own rows. */
    boolean hasLimit() {
        return hasLimit || hasFetch;
    }

    /** A LIMIT clause in particular, after which an OFFSET may be appended. */
    boolean hasLimitClause() {
        return hasLimit;
    }

    boolean hasOffset() {
        return hasOffset;
    }
}
