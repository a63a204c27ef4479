package org.candor.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * The embedded database's file as its group commits ({@link EmbeddedStoreCommits}) and its
 * tidying ({@link EmbeddedStoreTidying}) reach it: the H2 database a connection opened in this
 * process, and its store while that is a file open for writing.
 */
final class H2Files {
    private H2Files() {}

    /** The H2 database behind a connection, when it runs in this process (not PostgreSQL, not an H2 server). */
    static Optional<Database> database(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return Optional.empty();
        }
        return connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal local
                ? Optional.of(local.getDatabase())
                : Optional.empty();
    }

    /** The database's store, when it is a file open for writing (not in memory, closed or read-only). */
    static Optional<MVStore> writableFile(Database database) {
        Store store = database.getStore();
        MVStore mv = store == null ? null : store.getMvStore();
        return mv != null && writable(mv) ? Optional.of(mv) : Optional.empty();
    }

    /** Whether a store is open, a file and writable. */
    static boolean writable(MVStore mv) {
        return !mv.isClosed() && mv.getFileStore() != null && !mv.getFileStore().isReadOnly();
    }
}
