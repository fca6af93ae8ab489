package org.apache.calcite.tools;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlOperator;

/**
 * Test-only stand-in for the one class of Kylin's Calcite fork ({@code calcite-core:1.16.0-kylin-r5}, not on Maven
 * Central) that every Kylin 4.0.4 query with a projection needs: {@code OLAPProjectRel}'s constructor counts the CASE
 * calls of each projected expression with it. With this class, vanilla {@code calcite-core:1.16.0} runs Kylin's
 * query path in the real-Kylin integration test. Written here from its one call site; nothing of the fork is copied.
 */
public final class RelUtils {
    private RelUtils() {
    }

    /** How many calls of {@code operator} the expression holds, at any depth. */
    public static int countOperatorCall(SqlOperator operator, RexNode node) {
        int[] count = {0};
        node.accept(new RexVisitorImpl<Void>(true) {
            @Override
            public Void visitCall(RexCall call) {
                if (call.getOperator().equals(operator)) {
                    count[0]++;
                }
                return super.visitCall(call);
            }
        });
        return count[0];
    }
}
