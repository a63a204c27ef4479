package org.candor.impact;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's {@link ImpactWorkers} when PostgreSQL announces queued jobs on {@value
 * ImpactStore#CHANNEL}, whichever instance queued them: idle workers then look for a job at once
 * instead of after {@code candor.impact.poll}, which stays the fallback. It listens on a
 * connection of its own, opened again a second after it is lost. It does nothing on the embedded
 * database, with {@code candor.impact.listen=false}, or when this instance runs no worker.
 */
@Component
public class ImpactJobListener implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ImpactJobListener.class);

    /** How soon a lost listening connection is opened again. */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    /** How long one wait for notifications lasts before it is started again. */
    private static final int WAIT_MILLIS = 5_000;

    private final ImpactWorkers workers;
    private final ImpactStore store;
    private final ImpactProperties properties;
    private final DataSourceProperties dataSource;
    private final AtomicLong notifications = new AtomicLong();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;
    /** Whether the loss of the connection was logged; once until it is back. */
    private boolean warned;

    public ImpactJobListener(
            ImpactWorkers workers, ImpactStore store, ImpactProperties properties, DataSourceProperties dataSource) {
        this.workers = workers;
        this.store = store;
        this.properties = properties;
        this.dataSource = dataSource;
    }

    /** Whether this instance listens at all: PostgreSQL, listening on, and workers to wake. */
    boolean enabled() {
        return store.notifies() && properties.listen() && properties.workers() > 0;
    }

    /** Whether the listening connection is open now. */
    public boolean listening() {
        return connection != null;
    }

    /** How many notifications of queued jobs this instance received. */
    public long notifications() {
        return notifications.get();
    }

    @Override
    public synchronized void start() {
        if (running || !enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "candor-impact-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            Connection c = connection;
            if (c == null) {
                c = open();
                if (c == null) {
                    sleep(RECONNECT.toMillis());
                    continue;
                }
                connection = c;
                // Jobs queued while no one listened are found now rather than at the next poll.
                workers.wake();
            }
            try {
                PGNotification[] received = c.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
                if (received != null && received.length > 0) {
                    notifications.addAndGet(received.length);
                    workers.wake();
                }
            } catch (SQLException e) {
                if (!running) {
                    break;
                }
                if (!warned) {
                    log.warn("lost the connection listening for impact jobs ({}); opening it again", e.getMessage());
                    warned = true;
                }
                close();
                sleep(RECONNECT.toMillis());
            }
        }
        close();
    }

    /** A connection listening on the channel; null when it cannot be opened (workers poll meanwhile). */
    private Connection open() {
        Properties p = new Properties();
        p.setProperty("user", dataSource.determineUsername());
        String password = dataSource.determinePassword();
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "candor impact listener");
        try {
            Connection c = DriverManager.getConnection(dataSource.determineUrl(), p);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + ImpactStore.CHANNEL);
            }
            if (warned) {
                log.info("listening for impact jobs on {} again", ImpactStore.CHANNEL);
            }
            warned = false;
            return c;
        } catch (SQLException e) {
            if (!warned) {
                log.warn("cannot listen for impact jobs ({}); the workers poll until it can", e.getMessage());
                warned = true;
            }
            return null;
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                log.debug("closing the impact listening connection: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            close();
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
