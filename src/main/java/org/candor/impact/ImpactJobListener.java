package org.candor.impact;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.candor.notify.Channel;
import org.candor.notify.ListeningLoop;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Wakes this instance's {@link ImpactWorkers} when PostgreSQL announces queued jobs on {@code
 * candor_impact}, whichever instance queued them: idle workers then look for a job at once
 * instead of after {@code candor.impact.poll}, which stays the fallback. It listens on a
 * connection of its own, opened again a second after it is lost. It does nothing on the embedded
 * database, with {@code candor.impact.listen=false}, or when this instance runs no worker.
 */
@Component
public class ImpactJobListener implements SmartLifecycle {
    /** How soon a lost listening connection is opened again. */
    static final Duration RECONNECT = Duration.ofSeconds(1);

    /** How long one wait for notifications lasts before it is started again. */
    private static final int WAIT_MILLIS = 5_000;

    private final ImpactWorkers workers;
    private final ImpactStore store;
    private final ImpactProperties properties;
    private final Channel.Listener listener;
    private final AtomicLong notifications = new AtomicLong();
    private final ListeningLoop loop;

    public ImpactJobListener(
            ImpactWorkers workers, ImpactStore store, ImpactProperties properties, DataSourceProperties dataSource) {
        this.workers = workers;
        this.store = store;
        this.properties = properties;
        this.listener = ImpactStore.CHANNEL.listen(dataSource, "candor impact listener");
        this.loop = new ListeningLoop("candor-impact-listener", listener, this::turn);
    }

    /** Whether this instance listens at all: PostgreSQL, listening on, and workers to wake. */
    boolean enabled() {
        return store.notifies() && properties.listen() && properties.workers() > 0;
    }

    /** Whether the listening connection is open now. */
    public boolean listening() {
        return listener.listening();
    }

    /** How many notifications of queued jobs this instance received. */
    public long notifications() {
        return notifications.get();
    }

    @Override
    public void start() {
        if (enabled()) {
            loop.start();
        }
    }

    /** One turn: open the connection when it is lost, then wait for notifications and wake the workers. */
    private void turn() {
        if (!listener.listening()) {
            if (!listener.open()) {
                loop.pause(RECONNECT);
                return;
            }
            // Jobs queued while no one listened are found now rather than at the next poll.
            workers.wake();
        }
        int received = listener.await(WAIT_MILLIS);
        if (received > 0) {
            notifications.addAndGet(received);
            workers.wake();
        } else if (received < 0 && loop.running()) {
            loop.pause(RECONNECT);
        }
    }

    @Override
    public void stop() {
        loop.stop();
    }

    @Override
    public boolean isRunning() {
        return loop.running();
    }
}
