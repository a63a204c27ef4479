package org.candor.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.candor.support.Postgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The thread of a listener's owner, on the real PostgreSQL: it turns until stopped, and stopping ends a wait. */
@Postgres
class ListeningLoopTest {

    private final Channel channel = new Channel(
            "candor_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8), "tests");
    private final String application = "candor loop test " + UUID.randomUUID();
    private final Channel.Listener listener = channel.listen(properties(), application);
    private final JdbcClient jdbc = JdbcClient.create(
            new SimpleDriverDataSource(new org.postgresql.Driver(), Postgres.Db.URL, Postgres.Db.USER, ""));

    private static DataSourceProperties properties() {
        DataSourceProperties p = new DataSourceProperties();
        p.setUrl(Postgres.Db.URL);
        p.setUsername(Postgres.Db.USER);
        p.setPassword("");
        return p;
    }

    private int connections() {
        return jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = :a")
                .param("a", application)
                .query(Integer.class)
                .single();
    }

    @Test
    void stoppingEndsAWaitInProgressAndClosesTheListeningConnection() throws Exception {
        AtomicInteger turns = new AtomicInteger();
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(2);
        ListeningLoop loop = new ListeningLoop("candor-test-loop", listener, () -> {
            ran.set(Thread.currentThread());
            turns.incrementAndGet();
            listener.open();
            waiting.countDown();
            // Nobody announces: the second turn waits for an hour unless stopped.
            listener.await(waiting.getCount() == 0 ? (int) Duration.ofHours(1).toMillis() : 1);
        });
        assertThat(loop.running()).isFalse();
        assertThat(loop.start()).isTrue();
        assertThat(loop.start()).as("started once").isFalse();
        assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(loop.running()).isTrue();
        assertThat(ran.get().getName()).isEqualTo("candor-test-loop");
        assertThat(ran.get().isDaemon()).isTrue();
        assertThat(connections()).isEqualTo(1);

        loop.stop();
        ran.get().join(TimeUnit.MINUTES.toMillis(1));
        assertThat(ran.get().isAlive()).as("the thread ended").isFalse();
        assertThat(loop.running()).isFalse();
        assertThat(listener.listening()).isFalse();
        assertThat(turns.get()).isEqualTo(2);
        await().atMost(Duration.ofMinutes(1)).until(() -> connections() == 0);
        // Stopped, it may be started again.
        assertThat(loop.start()).isTrue();
        loop.stop();
    }

    @Test
    void aPauseInterruptedByStopEndsTheLoop() throws Exception {
        CountDownLatch pausing = new CountDownLatch(1);
        AtomicReference<ListeningLoop> self = new AtomicReference<>();
        AtomicReference<Thread> ran = new AtomicReference<>();
        AtomicInteger turns = new AtomicInteger();
        ListeningLoop loop = new ListeningLoop("candor-test-pause", listener, () -> {
            ran.set(Thread.currentThread());
            turns.incrementAndGet();
            pausing.countDown();
            self.get().pause(Duration.ofHours(1));
        });
        self.set(loop);
        loop.start();
        assertThat(pausing.await(1, TimeUnit.MINUTES)).isTrue();
        loop.stop();
        ran.get().join(TimeUnit.MINUTES.toMillis(1));
        assertThat(ran.get().isAlive()).isFalse();
        assertThat(turns.get()).isEqualTo(1);
        assertThat(loop.running()).isFalse();
    }
}
