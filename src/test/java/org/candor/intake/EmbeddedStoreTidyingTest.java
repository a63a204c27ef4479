package org.candor.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.candor.system.EvaluationProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The embedded database written through, as the service runs it: each commit a chunk of the file.
 * Rows keyed by random ids, one commit each, leave the chunks mostly empty; tidying rewrites them
 * until they are full again, and the file stays far smaller for the same work.
 */
class EmbeddedStoreTidyingTest {

    @TempDir
    Path dir;

    /** Retention time 0: chunks may be rewritten at once (the service's rounds set 5 s). */
    private DataSource h2(String name, String settings) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0" + settings);
        ds.setUser("sa");
        return ds;
    }

    private static void insertRows(DataSource ds, int rows) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE IF NOT EXISTS t (id VARCHAR(36) PRIMARY KEY, agency VARCHAR(50), body VARCHAR(4000))");
                s.execute("CREATE INDEX IF NOT EXISTS t_agency ON t (agency, id)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    p.setString(1, UUID.randomUUID().toString());
                    p.setString(2, "agency " + (i % 7));
                    p.setString(3, "a caption of some length, #ad ".repeat(20) + i);
                    p.executeUpdate();
                    c.commit();
                }
            }
        }
    }

    private static int setting(DataSource ds, String name) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).as(name).isTrue();
                return Integer.parseInt(r.getString(1));
            }
        }
    }

    /**
     * Tidies until a round finds nothing to do, then commits a few rows (H2 writes the rewritten
     * pages and frees the emptied chunks on later commits, as the service's submissions do), three
     * times over.
     *
     * @return the rounds that rewrote chunks
     */
    private static int tidyFully(EmbeddedStoreTidying tidying, DataSource ds) throws SQLException {
        int rounds = 0;
        for (int cycle = 0; cycle < 3; cycle++) {
            while (tidying.tidy() && rounds < 10_000) {
                rounds++;
            }
            insertRows(ds, 10);
        }
        return rounds;
    }

    @Test
    void theChunksOfAFileWrittenThroughAreRewrittenUntilTheyAreFullAgain() throws Exception {
        DataSource ds = h2("through", "");
        try (Connection held = ds.getConnection()) { // keeps the database open between the steps
            insertRows(ds, 2_000);
            int before = setting(ds, "info.CHUNKS_FILL_RATE");
            assertThat(before).as("chunks' fill before tidying").isLessThan(EmbeddedStoreTidying.FILL_TARGET);

            EmbeddedStoreTidying tidying =
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ZERO);
            assertThat(tidyFully(tidying, ds)).as("rounds that rewrote chunks").isPositive();

            assertThat(setting(ds, "info.CHUNKS_FILL_RATE"))
                    .as("chunks' fill after tidying")
                    .isGreaterThanOrEqualTo(EmbeddedStoreTidying.FILL_TARGET);
            assertThat(tidying.tidy()).as("a round with nothing to do").isFalse();
        }
    }

    @Test
    void aTidiedFileIsLessThanHalfTheSizeOfAnUntidiedOneForTheSameCommits() throws Exception {
        DataSource untidied = h2("untidied", "");
        DataSource tidied = h2("tidied", "");
        EmbeddedStoreTidying tidying =
                new EmbeddedStoreTidying(tidied, () -> true, Duration.ofSeconds(1), Duration.ZERO);
        try (Connection a = untidied.getConnection();
                Connection b = tidied.getConnection()) {
            for (int batch = 0; batch < 4; batch++) {
                insertRows(untidied, 500);
                insertRows(tidied, 500);
                tidyFully(tidying, tidied);
            }
        }
        long untidiedBytes = Files.size(dir.resolve("untidied.mv.db"));
        long tidiedBytes = Files.size(dir.resolve("tidied.mv.db"));
        assertThat(tidiedBytes)
                .as("tidied file %d bytes against %d untidied", tidiedBytes, untidiedBytes)
                .isLessThan(untidiedBytes / 2);
    }

    /**
     * H2's own retention time (45 s) leaves every young chunk as it is; the service's shorter one
     * lets the rounds rewrite them, and a round syncs the file first, whether or not it rewrites
     * anything.
     */
    @Test
    void chunksYoungerThanTheRetentionTimeAreLeftAndOlderOnesRewritten() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("retention") + ";WRITE_DELAY=0"); // H2's retention time
        ds.setUser("sa");
        try (Connection held = ds.getConnection()) {
            MVStore store = EmbeddedStoreTidying.leftUntidied(held).orElseThrow();
            assertThat(store.getRetentionTime()).as("H2's own retention time").isEqualTo(45_000);
            insertRows(ds, 1_000);
            assertThat(setting(ds, "info.CHUNKS_FILL_RATE")).isLessThan(EmbeddedStoreTidying.FILL_TARGET);

            EmbeddedStoreTidying h2s =
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ofSeconds(45));
            assertThat(h2s.tidy())
                    .as("a round when every chunk is younger than 45 s")
                    .isFalse();
            assertThat(h2s.syncs()).as("rounds that synced the file").isEqualTo(1);

            EmbeddedStoreTidying shorter =
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ofMillis(200));
            Thread.sleep(300);
            assertThat(shorter.tidy())
                    .as("a round once the chunks are older than 200 ms")
                    .isTrue();
            assertThat(store.getRetentionTime()).isEqualTo(200);
            assertThat(shorter.syncs()).isEqualTo(1);
            tidyFully(shorter, ds);
            assertThat(setting(ds, "info.CHUNKS_FILL_RATE"))
                    .as("chunks' fill after tidying")
                    .isGreaterThanOrEqualTo(EmbeddedStoreTidying.FILL_TARGET);
        }
    }

    /**
     * A stop that comes while a round is under way lets the round end. Were the round's thread
     * interrupted, H2's next read or write of the file in it would close the file channel (the
     * JDK closes a channel whose thread is interrupted in it) and with it the store, under every
     * connection: the requests a graceful shutdown is still answering would fail.
     */
    @Test
    void aStopDuringARoundLetsItEndWithTheStoreOpen() throws Exception {
        DataSource ds = h2("stopped", "");
        try (Connection held = ds.getConnection()) {
            insertRows(ds, 1_000);
            MVStore store = EmbeddedStoreTidying.leftUntidied(held).orElseThrow();
            int before = setting(ds, "info.CHUNKS_FILL_RATE");
            assertThat(before).isLessThan(EmbeddedStoreTidying.FILL_TARGET);
            CountDownLatch inRound = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            // Asked in each round just before the rewriting: holds the first round until its
            // thread is interrupted or a second has passed, so the stop comes in the middle of it.
            BooleanSupplier busy = () -> {
                inRound.countDown();
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < until && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                return false;
            };
            EmbeddedStoreTidying tidying = new EmbeddedStoreTidying(ds, busy, Duration.ofMillis(10), Duration.ZERO);
            tidying.start();
            assertThat(tidying.isRunning()).isTrue();
            assertThat(inRound.await(30, TimeUnit.SECONDS)).as("a round began").isTrue();
            tidying.stop();
            assertThat(tidying.isRunning()).isFalse();
            assertThat(interrupted)
                    .as("the round's thread interrupted by the stop")
                    .isFalse();
            assertThat(store.isClosed()).as("the store after a stop in a round").isFalse();
            insertRows(ds, 5);
            assertThat(setting(ds, "info.CHUNKS_FILL_RATE"))
                    .as("chunks' fill once the rewritten pages are written: the round went to its end")
                    .isGreaterThan(before);
            try (Statement st = held.createStatement();
                    ResultSet r = st.executeQuery("SELECT COUNT(*) FROM t")) {
                r.next();
                assertThat(r.getInt(1))
                        .as("rows, read on the connection held all along")
                        .isEqualTo(1_005);
            }
        }
    }

    /** A round syncs the file only when H2 wrote to it since the last sync. */
    @Test
    void aRoundAfterNoWriteSyncsNothing() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("idle") + ";WRITE_DELAY=0"); // nothing rewritten for 45 s
        ds.setUser("sa");
        try (Connection held = ds.getConnection()) {
            insertRows(ds, 10);
            EmbeddedStoreTidying tidying =
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ofSeconds(45));
            tidying.tidy();
            assertThat(tidying.syncs()).as("after commits").isEqualTo(1);
            tidying.tidy();
            tidying.tidy();
            assertThat(tidying.syncs()).as("rounds with nothing written since").isEqualTo(1);
            insertRows(ds, 1);
            tidying.tidy();
            assertThat(tidying.syncs()).as("after one more commit").isEqualTo(2);
        }
    }

    /**
     * Wired as the service wires it, with Spring Boot's conversion of the settings: 5 s by default,
     * {@code candor.embedded-store.retention} when set, and a bad value stops the start.
     */
    @Test
    void theServiceSetsTheRetentionTimeItsSettingNames() {
        ApplicationContextRunner service = new ApplicationContextRunner()
                .withInitializer(
                        c -> c.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
                .withBean(DataSource.class, () -> h2("wired", ""))
                .withBean(SimpleMeterRegistry.class)
                .withBean(EvaluationProperties.class, () -> new EvaluationProperties(null, null, 1, 1, null, null))
                .withBean(EvaluationPool.class)
                .withBean(EmbeddedStoreTidying.class);
        service.run(context -> {
            DataSource ds = context.getBean(DataSource.class);
            try (Connection held = ds.getConnection()) {
                assertThat(context.getBean(EmbeddedStoreTidying.class).tidy()).isFalse();
                assertThat(EmbeddedStoreTidying.leftUntidied(held).orElseThrow().getRetentionTime())
                        .as("the default")
                        .isEqualTo(5_000);
            }
        });
        service.withPropertyValues("candor.embedded-store.retention=1500ms").run(context -> {
            try (Connection held = context.getBean(DataSource.class).getConnection()) {
                context.getBean(EmbeddedStoreTidying.class).tidy();
                assertThat(EmbeddedStoreTidying.leftUntidied(held).orElseThrow().getRetentionTime())
                        .isEqualTo(1_500);
            }
        });
        service.withPropertyValues("candor.embedded-store.retention=-2s").run(context -> assertThat(context)
                .getFailure()
                .rootCause()
                .hasMessageContaining("candor.embedded-store.retention"));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aRetentionTimeShorterThanTwoRoundsIsWarnedAbout(CapturedOutput output) throws Exception {
        DataSource ds = h2("short", "");
        try (Connection held = ds.getConnection()) {
            assertScheduledThenStopped(
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofMillis(250), Duration.ofMillis(500)));
            assertThat(output).doesNotContain("shorter than two rounds");
            assertScheduledThenStopped(
                    new EmbeddedStoreTidying(ds, () -> false, Duration.ofMillis(250), Duration.ofMillis(400)));
            assertThat(output)
                    .contains("candor.embedded-store.retention (400 ms) is shorter than two rounds")
                    .contains("tidy-every (250 ms)")
                    .contains("crash of the machine");
        }
    }

    @Test
    void aNegativeOrHugeRetentionTimeIsRefused() {
        DataSource ds = inMemory();
        assertThatThrownBy(
                        () -> new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("candor.embedded-store.retention");
        assertThatThrownBy(() -> new EmbeddedStoreTidying(ds, () -> false, Duration.ofSeconds(1), Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoreThatH2TidiesItselfOrThatIsInMemoryIsLeftAlone() throws Exception {
        DataSource delayed = delayedWrites();
        DataSource memory = inMemory();
        for (DataSource ds : new DataSource[] {delayed, memory}) {
            try (Connection c = ds.getConnection()) {
                assertThat(EmbeddedStoreTidying.leftUntidied(c)).isEmpty();
                EmbeddedStoreTidying tidying =
                        new EmbeddedStoreTidying(ds, () -> false, Duration.ofMillis(10), Duration.ZERO);
                tidying.start();
                assertThat(tidying.isRunning()).as("scheduled").isFalse();
                assertThat(tidying.tidy()).isFalse();
            }
        }
    }

    @Test
    void aFileWrittenThroughIsTidiedOnASchedule() throws Exception {
        DataSource ds = h2("scheduled", "");
        try (Connection held = ds.getConnection()) {
            assertThat(EmbeddedStoreTidying.leftUntidied(held)).isPresent();
            assertScheduledThenStopped(new EmbeddedStoreTidying(ds, () -> false, Duration.ofMillis(10), Duration.ZERO));
            EmbeddedStoreTidying off = new EmbeddedStoreTidying(ds, () -> false, Duration.ZERO, Duration.ZERO);
            off.start();
            assertThat(off.isRunning()).as("tidy-every=0 turns it off").isFalse();
        }
    }

    /**
     * The service's own database URL (application.properties) through the service's pool: H2
     * holds commits back but does not tidy the file, so the tidying runs. A change of the URL that
     * lets H2 tidy by itself shows here.
     */
    @Test
    void theServicesDefaultDatabaseThroughItsPoolIsTidied() throws Exception {
        Properties defaults = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        String url = defaults.getProperty("spring.datasource.url").replace("./data/", dir + "/data/");
        assertThat(url).as("the default URL, moved to a temporary folder").startsWith("jdbc:h2:file:" + dir);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection()) {
                assertThat(EmbeddedStoreTidying.leftUntidied(c)).isPresent();
            }
            assertScheduledThenStopped(
                    new EmbeddedStoreTidying(pool, () -> false, Duration.ofMillis(250), Duration.ZERO));
        }
    }

    /**
     * Under load every connection of the pool may be taken by requests waiting for their commits: a
     * round then neither waits for one nor takes one from them. Once it has found the store, it
     * works on it directly while the store stays open, and finds a reopened one again.
     */
    @Test
    void aRoundWhileEveryPooledConnectionIsTakenStillTidies() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("pooled") + ";WRITE_DELAY=0;RETENTION_TIME=0");
        config.setUsername("sa");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(250);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            EmbeddedStoreTidying tidying =
                    new EmbeddedStoreTidying(pool, () -> true, Duration.ofSeconds(1), Duration.ZERO);
            assertThat(tidying.tidy()).as("a round on an empty store").isFalse();
            insertRows(pool, 1_000);
            int before = setting(pool, "info.CHUNKS_FILL_RATE");
            assertThat(before).isLessThan(EmbeddedStoreTidying.FILL_TARGET);
            try (Connection taken = pool.getConnection()) { // the pool's only connection
                assertThat(tidying.tidy())
                        .as("a round with the pool's connection taken rewrites chunks")
                        .isTrue();
            }

            MVStore first;
            try (Connection c = pool.getConnection()) {
                first = EmbeddedStoreTidying.leftUntidied(c).orElseThrow();
            }
            pool.getHikariPoolMXBean().softEvictConnections(); // the database closes with its last connection
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!first.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(10); // the pool closes an evicted connection on a thread of its own
            }
            insertRows(pool, 1_000); // opens it again: a new store, its chunks mostly empty again
            assertThat(first.isClosed())
                    .as("the store found first, once the database closed")
                    .isTrue();
            assertThat(tidying.tidy()).as("a round on the reopened store").isTrue();
        }
    }

    /** A database that cannot be reached: no round, no schedule, no exception out of either. */
    @Test
    void aDatabaseThatCannotBeReachedIsNeitherTidiedNorScheduled() {
        DataSource down = failing(new SQLException("Connection refused", "08001"));
        EmbeddedStoreTidying tidying =
                new EmbeddedStoreTidying(down, () -> false, Duration.ofMillis(10), Duration.ZERO);
        assertThat(tidying.tidy()).isFalse();
        assertThat(tidying.tidy()).as("a second round, after the first warned").isFalse();
        tidying.start();
        assertThat(tidying.isRunning()).isFalse();
    }

    /** A pool that fails with an unchecked exception (closed, say): the round says no and goes on. */
    @Test
    void aPoolThatFailsUncheckedIsNeitherTidiedNorScheduled() {
        DataSource closed = failing(new IllegalStateException("the pool is closed"));
        EmbeddedStoreTidying tidying =
                new EmbeddedStoreTidying(closed, () -> false, Duration.ofMillis(10), Duration.ZERO);
        assertThat(tidying.tidy()).isFalse();
        assertThat(tidying.tidy()).isFalse();
    }

    /**
     * A process killed while it commits and its chunks are rewritten keeps every commit it
     * acknowledged, and its file opens again: the rewrites go through H2's own copy-on-write path,
     * here with chunks reused at once (retention time 0).
     */
    @Test
    void aKillWhileChunksAreRewrittenLosesNoCommit() throws Exception {
        Path db = dir.resolve("killed");
        Path acknowledged = dir.resolve("acknowledged.txt");
        Path rewrites = dir.resolve("rewrites.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TidyingUnderCommits.class.getName(),
                        db.toString(),
                        acknowledged.toString(),
                        rewrites.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (lines(rewrites) < 20 || lines(acknowledged) < 2_000) {
                assertThat(child.isAlive())
                        .as("the child runs: %s", readIfThere(dir.resolve("child.log")))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("rewrites and commits within 60 s")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close of the store
            child.waitFor();
        }
        List<String> ids = Files.readAllLines(acknowledged).stream()
                .filter(l -> l.length() == 36) // the last line may have been cut by the kill
                .toList();
        Set<String> stored = new HashSet<>();
        try (Connection c = h2("killed", "").getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id FROM t")) {
            while (r.next()) {
                stored.add(r.getString(1));
            }
        }
        assertThat(ids).as("acknowledged commits").hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(stored).as("rows in the file reopened after the kill").containsAll(ids);
    }

    private static void assertScheduledThenStopped(EmbeddedStoreTidying tidying) {
        tidying.start();
        try {
            assertThat(tidying.isRunning()).as("scheduled").isTrue();
        } finally {
            tidying.stop();
        }
        assertThat(tidying.isRunning()).as("stopped").isFalse();
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static String readIfThere(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** A data source whose every connection fails with the given exception. */
    private static DataSource failing(Exception e) {
        return new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (e instanceof SQLException sql) {
                    throw sql;
                }
                throw (RuntimeException) e;
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        };
    }

    private DataSource delayedWrites() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("delayed") + ";WRITE_DELAY=500");
        ds.setUser("sa");
        return ds;
    }

    private static DataSource inMemory() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:tidying-" + UUID.randomUUID() + ";WRITE_DELAY=0");
        ds.setUser("sa");
        return ds;
    }
}
