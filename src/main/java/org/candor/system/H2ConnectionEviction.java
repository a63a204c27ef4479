package org.candor.system;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool to drop a connection to an embedded database that has closed (after a
 * full disk, or a failed write of its store): H2 reports that with error codes the pool does not
 * take for a broken connection, so it kept handing out dead connections until a restart. A new
 * connection opens the database again, so the service recovers once the cause is gone.
 */
public class H2ConnectionEviction implements SQLExceptionOverride {
    /**
     * H2's codes for a database that is closed or cannot use its file: DATABASE_IS_CLOSED (90098),
     * DATABASE_CALLED_AT_SHUTDOWN (90121), IO_EXCEPTION_1/2 (90028, 90031), FILE_CORRUPTED (90030),
     * NO_DISK_SPACE_AVAILABLE (90100), GENERAL_ERROR (50000, as a panic of the store reads).
     */
    static final Set<Integer> CLOSED = Set.of(90098, 90121, 90028, 90031, 90030, 90100, 50000);

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && CLOSED.contains(sql.getErrorCode())) {
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
