package org.candor.notify;

import java.time.Duration;

/**
 * The thread of a {@link Channel.Listener}'s owner: a daemon that runs the owner's step over and
 * over, from {@link #start()} until {@link #stop()}. Stopping ends a wait in progress (it closes
 * the listening connection and interrupts the thread) and waits a few seconds for the thread to
 * end; the listening connection is closed when the thread ends, however it ends.
 */
public final class ListeningLoop {
    /** How long {@link #stop()} waits for the thread to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final Channel.Listener listener;
    private final Runnable step;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name
     * @param step one turn of the owner's loop: typically open the listener when it is not, do
     *     the work, wait for a notification or the next turn
     */
    public ListeningLoop(String name, Channel.Listener listener, Runnable step) {
        this.name = name;
        this.listener = listener;
        this.step = step;
    }

    /** Starts the thread; false when it runs already. */
    public synchronized boolean start() {
        if (running) {
            return false;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    private void loop() {
        try {
            while (running && !Thread.currentThread().isInterrupted()) {
                step.run();
            }
        } finally {
            listener.close();
        }
    }

    /** Whether it runs: started and not stopped. */
    public boolean running() {
        return running;
    }

    /** Waits between two turns, e.g. before opening a lost connection again; an interrupt stops the loop. */
    public void pause(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops the thread and waits for it to end (a few seconds at most). */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            listener.close();
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        listener.close();
    }
}
