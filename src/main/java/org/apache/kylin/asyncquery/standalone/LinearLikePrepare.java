package org.apache.kylin.asyncquery.standalone;

import java.util.ArrayList;
import java.util.List;

import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Calcite's statement preparation with one change: {@code LIKE} is evaluated by {@link LinearLike} instead of a
 * backtracking regular expression. SQL is parsed and validated as before; only when it becomes relational
 * algebra does a {@code LIKE} call (and {@code NOT LIKE}, which Calcite expands to {@code NOT (... LIKE ...)})
 * become a call of {@link LinearLike}, in queries and in views alike.
 */
final class LinearLikePrepare extends CalcitePrepareImpl {
    private static final SqlUserDefinedFunction LIKE = function("like");
    private static final SqlUserDefinedFunction LIKE_ESCAPE = function("likeEscape");
    private static final SqlRexConvertlet LINEAR_LIKE = LinearLikePrepare::convertLike;

    @Override
    protected SqlRexConvertletTable createConvertletTable() {
        return call -> call.getOperator() == SqlStdOperatorTable.LIKE ? LINEAR_LIKE
                : StandardConvertletTable.INSTANCE.get(call);
    }

    private static RexNode convertLike(org.apache.calcite.sql2rel.SqlRexContext cx, SqlCall call) {
        List<RexNode> operands = new ArrayList<>();
        for (SqlNode operand : call.getOperandList()) {
            operands.add(cx.convertExpression(operand));
        }
        // BOOLEAN, nullable when an operand is: the type Calcite gives LIKE.
        return cx.getRexBuilder().makeCall(operands.size() == 2 ? LIKE : LIKE_ESCAPE, operands);
    }

    private static SqlUserDefinedFunction function(String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier("LIKE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.BOOLEAN_NULLABLE, null, null, ScalarFunctionImpl.create(LinearLike.class, method));
    }
}
