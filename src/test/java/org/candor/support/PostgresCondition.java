package org.candor.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs PostgreSQL tests against the server at {@link Postgres#URL}. With {@code CI=true} they
 * always run, and fail when the server is down; on a workstation without PostgreSQL they are
 * skipped, saying why.
 */
public final class PostgresCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests always run");
        }
        try (Connection c = DriverManager.getConnection(Postgres.Db.URL, Postgres.Db.USER, "")) {
            return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + Postgres.Db.URL);
        } catch (SQLException e) {
            return ConditionEvaluationResult.disabled(
                    "PostgreSQL not reachable at " + Postgres.Db.URL + " (" + e.getMessage() + ") and CI is not set");
        }
    }
}
