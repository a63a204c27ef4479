package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's pool on the embedded database, whose commits H2 holds back and the pool writes in
 * groups ({@link EmbeddedStoreCommits}): a killed process keeps every commit it acknowledged, in
 * transactions and in auto-commit mode, where the same pool unwrapped loses some; commits that
 * arrive together share a write; nothing else is wrapped.
 */
class EmbeddedStoreCommitsTest {

    @TempDir
    Path dir;

    /** The service's own database URL (application.properties), its file moved to {@code name}. */
    private String serviceUrl(String name) throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        String url = defaults.getProperty("spring.datasource.url");
        assertThat(url).contains("./data/candor;").contains("WRITE_DELAY=1000");
        return url.replace("./data/candor", dir.resolve(name).toString());
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }

    private static Set<String> storedIds(String url) throws SQLException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        Set<String> stored = new HashSet<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet table =
                    s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 't'")) {
                if (table.next() && table.getInt(1) == 0) {
                    return stored; // even the table's creation was lost
                }
            }
            try (ResultSet r = s.executeQuery("SELECT id FROM t")) {
                while (r.next()) {
                    stored.add(r.getString(1));
                }
            }
        }
        return stored;
    }

    /** Runs {@link GroupCommitsUnderKill} until it has {@code acknowledged} commits, then kills it. */
    private List<String> killAfter(String url, String mode, int acknowledged) throws Exception {
        Path ids = dir.resolve(mode + "-" + UUID.randomUUID() + ".txt");
        Path log = dir.resolve(mode + ".log");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        GroupCommitsUnderKill.class.getName(),
                        url,
                        ids.toString(),
                        mode)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(ids) || Files.readAllLines(ids).size() < acknowledged) {
                assertThat(child.isAlive())
                        .as("the child runs: %s", Files.exists(log) ? Files.readString(log) : "")
                        .isTrue();
                assertThat(System.nanoTime()).as("commits within 60 s").isLessThan(deadline);
                Thread.sleep(10);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            child.waitFor();
        }
        return Files.readAllLines(ids).stream()
                .filter(l -> l.length() == 36) // the last line may have been cut by the kill
                .toList();
    }

    @Test
    void aKillLosesNoCommitTheServicesPoolAcknowledged() throws Exception {
        String url = serviceUrl("killed");
        List<String> ids = killAfter(url, "wrapped", 3_000);
        assertThat(ids).as("acknowledged commits").hasSizeGreaterThanOrEqualTo(3_000);
        assertThat(storedIds(url))
                .as("rows in the file reopened after the kill")
                .containsAll(ids);
    }

    /** The control: without the service's pool, H2's write delay loses acknowledged commits. */
    @Test
    void theSameKillWithoutTheServicesPoolLosesAcknowledgedCommits() throws Exception {
        int lost = 0;
        for (int attempt = 0; attempt < 3 && lost == 0; attempt++) {
            String url = serviceUrl("plain" + attempt);
            List<String> ids = killAfter(url, "plain", 3_000);
            Set<String> stored = storedIds(url);
            lost = (int) ids.stream().filter(id -> !stored.contains(id)).count();
        }
        assertThat(lost)
                .as("acknowledged commits missing after a kill, in one of three")
                .isPositive();
    }

    @Test
    void commitsThatArriveTogetherShareAWriteAndAreAllKept() throws Exception {
        String url = serviceUrl("grouped");
        int threads = 8;
        int each = 250;
        long writes;
        try (HikariDataSource pool = pool(url)) {
            var ds = (EmbeddedStoreCommits.GroupCommitted)
                    new EmbeddedStoreCommits().postProcessAfterInitialization(pool, "dataSource");
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                assertThat(Proxy.isProxyClass(c.getClass()))
                        .as("a connection that waits for the file")
                        .isTrue();
                assertThat(s.getConnection())
                        .as("a statement gives back that connection")
                        .isSameAs(c);
                s.execute("CREATE TABLE t (id VARCHAR(36) PRIMARY KEY, n INT)");
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(workers.submit(() -> {
                        start.await();
                        try (Connection c = ds.getConnection();
                                PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                            c.setAutoCommit(false);
                            for (int i = 0; i < each; i++) {
                                p.setString(1, UUID.randomUUID().toString());
                                p.setInt(2, i);
                                p.executeUpdate();
                                c.commit();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                workers.shutdownNow();
            }
            try (Connection c = ds.getConnection()) {
                writes = ds.writesOf(c.unwrap(Connection.class)).count();
            }
        }
        assertThat(writes).as("writes of the store, one per group").isPositive().isLessThan(threads * each);
        try (Connection c = pool(url).getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
            r.next();
            assertThat(r.getInt(1))
                    .as("rows after the pool closed and the file opened again")
                    .isEqualTo(threads * each);
        }
    }

    /**
     * Only a change waits for the file, once: a statement in auto-commit mode, a commit, auto-commit
     * switched on over an open transaction; not a query, a rolled-back change or an empty commit.
     */
    @Test
    void onlyACommittedChangeWaitsForTheFile() throws Exception {
        try (HikariDataSource pool = pool(serviceUrl("paths"))) {
            var ds = (EmbeddedStoreCommits.GroupCommitted)
                    new EmbeddedStoreCommits().postProcessAfterInitialization(pool, "dataSource");
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                EmbeddedStoreCommits.Writes writes = ds.writesOf(c.unwrap(Connection.class));
                s.execute("CREATE TABLE t (n INT)");
                assertThat(writes.count()).as("a statement in auto-commit mode").isEqualTo(1);
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM t")) {
                    r.next();
                }
                assertThat(writes.count()).as("after a query").isEqualTo(1);

                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO t VALUES (1)");
                c.rollback();
                c.commit();
                assertThat(writes.count())
                        .as("after a rolled-back change and an empty commit")
                        .isEqualTo(1);

                s.executeUpdate("INSERT INTO t VALUES (2)");
                assertThat(writes.count()).as("a change not yet committed").isEqualTo(1);
                c.setAutoCommit(true); // commits the open transaction
                assertThat(writes.count())
                        .as("auto-commit switched on over a change")
                        .isEqualTo(2);
                c.setAutoCommit(false);
                c.commit();
                assertThat(writes.count()).as("an empty commit").isEqualTo(2);
                try (ResultSet r = s.executeQuery("SELECT n FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).isEqualTo(2);
                    assertThat(r.next()).as("the rolled-back row").isFalse();
                }
            }
        }
    }

    /**
     * A store closed under a waiting commit: as a database closes (SHUTDOWN, a stop), it wrote the
     * commit first and the commit returns; closed because a write failed, the commit fails with
     * H2's error for the file, which the pool and the service read as the database unavailable.
     */
    @Test
    void aStoreClosedByAFailedWriteFailsTheCommitAndOneClosedAsADatabaseClosesDoesNot() throws Exception {
        MVStore failed = new MVStore.Builder()
                .fileName(dir.resolve("failed.mv.db").toString())
                .open();
        failed.openMap("m").put(1, "one");
        assertThatThrownBy(() -> failed.panic(
                        DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "no space left on device")))
                .isInstanceOf(MVStoreException.class);
        assertThatThrownBy(() -> new EmbeddedStoreCommits.Writes(failed).await())
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(EmbeddedStoreCommits.IO_EXCEPTION);
                    assertThat(e.getMessage()).contains("no space left on device");
                });

        Path cleanFile = dir.resolve("clean.mv.db");
        MVStore clean = new MVStore.Builder().fileName(cleanFile.toString()).open();
        EmbeddedStoreCommits.Writes writes = new EmbeddedStoreCommits.Writes(clean);
        clean.openMap("m").put(1, "one");
        writes.await();
        assertThat(writes.count()).as("a write for the commit").isEqualTo(1);
        clean.openMap("m").put(2, "two");
        clean.close();
        writes.await(); // closed as a database closes: written by the close
        try (MVStore reopened =
                new MVStore.Builder().fileName(cleanFile.toString()).open()) {
            assertThat(reopened.<Integer, String>openMap("m"))
                    .containsEntry(1, "one")
                    .containsEntry(2, "two");
        }
    }

    /** PostgreSQL, a pool that is not Hikari's and an H2 that writes through are left as they are. */
    @Test
    void onlyAPoolOnAnH2FileIsWrappedAndOnlyADelayedStoreIsGrouped() throws Exception {
        EmbeddedStoreCommits commits = new EmbeddedStoreCommits();
        HikariDataSource postgres = new HikariDataSource(); // not started: no connection needed
        postgres.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(commits.postProcessAfterInitialization(postgres, "dataSource"))
                .isSameAs(postgres);
        JdbcDataSource plain = new JdbcDataSource();
        plain.setURL("jdbc:h2:file:" + dir.resolve("plain"));
        assertThat(commits.postProcessAfterInitialization(plain, "dataSource")).isSameAs(plain);

        try (HikariDataSource through = pool("jdbc:h2:file:" + dir.resolve("through") + ";WRITE_DELAY=0");
                HikariDataSource memory = pool("jdbc:h2:mem:commits-" + UUID.randomUUID() + ";WRITE_DELAY=1000")) {
            var wrapped = (EmbeddedStoreCommits.GroupCommitted) commits.postProcessAfterInitialization(through, "ds");
            try (Connection c = wrapped.getConnection()) {
                assertThat(wrapped.writesOf(c)).as("written through by H2").isNull();
                assertThat(Proxy.isProxyClass(c.getClass()))
                        .as("the pool's own connection")
                        .isFalse();
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (n INT)");
                    assertThat(s.executeUpdate("INSERT INTO t VALUES (1)")).isEqualTo(1);
                }
            }
            try (Connection c = memory.getConnection()) {
                assertThat(EmbeddedStoreCommits.delayed(c)).as("in memory").isNull();
            }
        }
    }
}
