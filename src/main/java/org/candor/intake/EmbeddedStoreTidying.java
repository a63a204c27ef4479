package org.candor.intake;

import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps the embedded database's file compact while every commit reaches the file before it is
 * acknowledged, so that a killed process loses nothing it acknowledged: written in groups by the
 * service's connections ({@link EmbeddedStoreCommits}, with H2's own compaction off: {@code
 * WRITE_DELAY=1000;AUTO_COMPACT_FILL_RATE=0} in {@code application.properties}), or through by
 * H2 at each commit ({@code WRITE_DELAY=0}). H2 writes each write as a new chunk of its file,
 * holding the pages changed since the last; the chunks written before stay in use as long as one
 * of their pages is still current. H2's own background thread rewrites the emptiest chunks into
 * new ones, but only in a store whose commits it holds back and writes itself. Without it the file
 * grew by some 100 kB per submission, its chunks a quarter full, and each commit cost more than the
 * one before (BENCHMARKS.md, "2026-12-04 afternoon: the service held for minutes, and the embedded
 * database's file").
 *
 * <p>So this does what H2's thread would: every {@code candor.embedded-store.tidy-every} (default
 * 250 ms; 0 turns it off), when the chunks are on average less than {@value #FILL_TARGET} % full,
 * it asks H2 to rewrite the emptiest ones ({@link MVStore#compact(int, int)}): at most {@value
 * #BUSY_WRITE} bytes of pages a round while submissions arrive (the commits wait for a round, so it
 * stays short), {@value #IDLE_WRITE} when it is quiet. H2 frees the emptied chunks on a later
 * commit and reuses their space.
 *
 * <p>H2 neither rewrites nor frees a chunk written less than its retention time ago: its
 * documentation assumes that the operating system has put on the disk whatever is older (45 s by
 * default; H2 does not sync the file when it commits). Each round therefore first syncs the file
 * ({@link MVStore#sync()}, an fsync; a round that finds nothing written since the last one leaves
 * the file alone), which makes that assumption hold for anything older than a round, and the
 * store's retention time is set to {@code candor.embedded-store.retention} (default 5 s, twenty
 * rounds): at 200 submissions a second H2 writes some 400 chunks a second, and 45 s of them took
 * most of a gigabyte, which no round could touch. The retention time is left as H2 has it
 * when the rounds are off; one shorter than two rounds is warned about at start.
 *
 * <p>Nothing is done for PostgreSQL, an in-memory H2, or an H2 that compacts its file itself.
 */
@Component
class EmbeddedStoreTidying implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreTidying.class);

    /** Chunks fuller than this on average are left as they are (H2's own thread aims near it). */
    static final int FILL_TARGET = 60;

    /** Pages rewritten per round at most while submissions arrive. */
    static final int BUSY_WRITE = 2 * 1024 * 1024;

    /** Pages rewritten per round at most when no submission arrives. */
    static final int IDLE_WRITE = 16 * 1024 * 1024;

    private final DataSource dataSource;
    private final Duration every;
    private final Duration retention;
    private final BooleanSupplier busy;
    private final AtomicLong syncs = new AtomicLong();
    private ScheduledExecutorService scheduler;
    private volatile boolean warned;
    /** The store last synced and its write count then: a round after no write syncs nothing. */
    private WeakReference<MVStore> syncedStore = new WeakReference<>(null);

    private long syncedWrites = -1;

    /** The store the last round found, kept while it is open: no connection is taken for it. */
    private WeakReference<MVStore> found = new WeakReference<>(null);

    @Autowired
    EmbeddedStoreTidying(
            DataSource dataSource,
            EvaluationPool pool,
            @Value("${candor.embedded-store.tidy-every:250ms}") Duration every,
            @Value("${candor.embedded-store.retention:5s}") Duration retention) {
        this(dataSource, pool::submissionsArriving, every, retention);
    }

    EmbeddedStoreTidying(DataSource dataSource, BooleanSupplier busy, Duration every, Duration retention) {
        if (retention.isNegative() || retention.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "candor.embedded-store.retention must be between 0 and 24 days; got " + retention);
        }
        this.dataSource = dataSource;
        this.busy = busy;
        this.every = every;
        this.retention = retention;
    }

    /** Rounds that put the file's writes on the disk so far (those that found something written). */
    long syncs() {
        return syncs.get();
    }

    /**
     * One round: rewrites the emptiest chunks when the store is a file H2 writes through and its
     * chunks are under the fill target.
     *
     * @return whether chunks were rewritten
     */
    boolean tidy() {
        try {
            Optional<MVStore> store = store();
            if (store.isEmpty()) {
                return false;
            }
            MVStore mv = store.get();
            // What H2 wrote so far goes to the disk before any chunk older than the retention
            // time may be rewritten or its space reused (set each round: a reopened store has
            // H2's default again). A round that finds nothing written since the last sync (the
            // store's own count of writes) leaves the file alone.
            long writes = mv.getFileStore().getWriteCount();
            if (syncedStore.get() != mv || syncedWrites != writes) {
                mv.sync();
                syncs.incrementAndGet();
                syncedStore = new WeakReference<>(mv);
                syncedWrites = writes;
            }
            int retentionMillis = (int) retention.toMillis();
            if (mv.getRetentionTime() != retentionMillis) {
                mv.setRetentionTime(retentionMillis);
            }
            int write = busy.getAsBoolean() ? BUSY_WRITE : IDLE_WRITE;
            return mv.getFileStore().getChunksFillRate() < FILL_TARGET && mv.compact(FILL_TARGET, write);
        } catch (SQLException | RuntimeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // stopped during a round: nothing to report
                return false;
            }
            // a closed or full store: the requests see it and the pool reopens it; the next round tries again
            if (!warned) {
                warned = true;
                log.warn("could not tidy the embedded database's file: {}", e.toString());
            }
            return false;
        }
    }

    /**
     * The store to tidy: the one found before while it is open and still written through, else the
     * one behind a connection taken from the pool for a moment. A round under load thus waits
     * neither for a connection behind the requests nor holds one they wait for (a reopened
     * database, after {@link org.candor.system.H2ConnectionEviction}, is a new store, found again).
     */
    private Optional<MVStore> store() throws SQLException {
        MVStore known = found.get();
        if (known != null && H2Files.writable(known)) {
            return Optional.of(known);
        }
        try (Connection connection = dataSource.getConnection()) {
            Optional<MVStore> store = leftUntidied(connection);
            found = new WeakReference<>(store.orElse(null));
            return store;
        }
    }

    /**
     * The H2 store behind a connection, when it is a file that H2 does not tidy: one it writes
     * through ({@code WRITE_DELAY=0}), or one whose commits it holds back with its own compaction
     * off ({@code AUTO_COMPACT_FILL_RATE=0}), the service's default, where {@link
     * EmbeddedStoreCommits} writes the commits in groups.
     */
    static Optional<MVStore> leftUntidied(Connection connection) throws SQLException {
        Optional<Database> database = H2Files.database(connection); // an H2 server's is tidied where it runs
        return database.flatMap(H2Files::writableFile)
                .filter(mv -> mv.getAutoCommitDelay() == 0 || database.get().getSettings().autoCompactFillRate == 0);
    }

    @Override
    public synchronized void start() {
        if (every.isZero() || every.isNegative() || scheduler != null) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (leftUntidied(connection).isEmpty()) {
                return;
            }
        } catch (SQLException e) {
            log.warn("could not look at the database ({}); its file is not tidied", e.toString());
            return;
        }
        if (retention.compareTo(every.multipliedBy(2)) < 0) {
            log.warn(
                    "candor.embedded-store.retention ({} ms) is shorter than two rounds of candor.embedded-store.tidy-every"
                            + " ({} ms): H2 assumes that what it wrote before the retention time is on the disk, and the"
                            + " file is synced once a round; a crash of the machine (not of the process) could find it"
                            + " otherwise",
                    retention.toMillis(),
                    every.toMillis());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "candor-store-tidying");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        scheduler.scheduleWithFixedDelay(this::tidy, ms, ms, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the rounds, letting one under way end (at most {@value #IDLE_WRITE} bytes rewritten):
     * an interrupt there would land in H2's reading or writing of the file, and the JDK closes a
     * file channel whose thread is interrupted in it, under every connection, while the requests
     * still being answered in a graceful shutdown need it.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
