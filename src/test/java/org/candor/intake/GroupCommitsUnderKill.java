package org.candor.intake;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The child process of {@link EmbeddedStoreCommitsTest}: eight threads commit rows through a pool
 * on an H2 file with the service's settings, half in transactions and half in auto-commit mode,
 * and append each row's id to a file once its commit has returned, until the process is killed.
 * With {@code wrapped} the pool is the service's ({@link EmbeddedStoreCommits}); with {@code
 * plain} it is Hikari's alone, H2 holding commits back as its write delay lets it.
 *
 * <p>Usage: {@code GroupCommitsUnderKill <JDBC URL> <acknowledged ids file> wrapped|plain}.
 */
public final class GroupCommitsUnderKill {
    private GroupCommitsUnderKill() {}

    public static void main(String[] args) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(args[0]);
        config.setUsername("sa");
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        DataSource ds = args[2].equals("wrapped")
                ? (DataSource) new EmbeddedStoreCommits().postProcessAfterInitialization(pool, "dataSource")
                : pool;
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id VARCHAR(36) PRIMARY KEY, agency VARCHAR(50), body VARCHAR(4000))");
            s.execute("CREATE INDEX t_agency ON t (agency, id)");
        }
        try (OutputStream acknowledged = new FileOutputStream(args[1], true)) {
            Thread[] threads = new Thread[8];
            for (int t = 0; t < threads.length; t++) {
                boolean inTransactions = t % 2 == 0;
                threads[t] = new Thread(() -> commit(ds, inTransactions, acknowledged));
                threads[t].start();
            }
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static void commit(DataSource ds, boolean inTransactions, OutputStream acknowledged) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(!inTransactions);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (long i = 0; ; i++) {
                    String id = TidyingUnderCommits.insertRow(p, i);
                    if (inTransactions) {
                        c.commit();
                    }
                    // written to the operating system, which keeps it when the process is killed
                    synchronized (acknowledged) {
                        acknowledged.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
