package org.candor.intake;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The child process of {@link EmbeddedStoreTidyingTest#aKillWhileChunksAreRewrittenLosesNoCommit}:
 * commits rows one at a time into an H2 file written through, with retention time 0 (chunks reused
 * at once, the harshest case) while a thread tidies it whenever there is something to rewrite, appends each row's id to a
 * file once its commit has returned and a line to another file for each round that rewrote chunks,
 * until it is killed.
 *
 * <p>Usage: {@code TidyingUnderCommits <database path> <acknowledged ids file> <rewrites file>}.
 */
public final class TidyingUnderCommits {
    private TidyingUnderCommits() {}

    public static void main(String[] args) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + Path.of(args[0]) + ";WRITE_DELAY=0;RETENTION_TIME=0");
        ds.setUser("sa");
        EmbeddedStoreTidying tidying = new EmbeddedStoreTidying(ds, () -> false, Duration.ZERO, Duration.ZERO);
        try (Connection c = ds.getConnection();
                OutputStream acknowledged = new FileOutputStream(args[1], true)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id VARCHAR(36) PRIMARY KEY, agency VARCHAR(50), body VARCHAR(4000))");
                s.execute("CREATE INDEX t_agency ON t (agency, id)");
            }
            Thread rewriting = new Thread(() -> {
                try (OutputStream rewrites = new FileOutputStream(args[2], true)) {
                    while (true) {
                        if (tidying.tidy()) {
                            rewrites.write('\n');
                        } else {
                            Thread.sleep(1); // nothing to rewrite yet: leave the processor to the commits
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rewriting.setDaemon(true);
            rewriting.start();
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (long i = 0; ; i++) {
                    String id = insertRow(p, i);
                    c.commit();
                    // written through to the operating system, which keeps it when the process is killed
                    acknowledged.write((id + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    /**
     * Inserts the {@code i}th row of a kill test's table {@code t (id, agency, body)}: a random id,
     * one of seven agencies, a caption-long body.
     *
     * @return the row's id
     */
    static String insertRow(PreparedStatement p, long i) throws java.sql.SQLException {
        String id = UUID.randomUUID().toString();
        p.setString(1, id);
        p.setString(2, "agency " + (i % 7));
        p.setString(3, "a caption of some length, #ad ".repeat(20) + i);
        p.executeUpdate();
        return id;
    }
}
