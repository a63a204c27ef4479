package org.candor.rules.change;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.candor.rules.RuleService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Watches the rules folder and reloads once the files have been quiet for the debounce time.
 * Changes under {@code tests/} are examples, not rules, and are ignored. Off when rule sets live
 * in the database ({@link RuleStore}): the folder is not the source then, and a reload through the
 * API imports it as a change.
 */
@Component
class RulesWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RulesWatcher.class);

    /** Who the watcher's reloads are made by, in the log and the rule history. */
    static final String WHO = "file change";

    private final RuleService rules;
    private final RulesWatchProperties properties;
    private final boolean fromDatabase;
    private ScheduledExecutorService scheduler;
    private WatchService watch;
    private Thread thread;
    private ScheduledFuture<?> pending;
    private volatile boolean running;

    RulesWatcher(RuleService rules, RulesWatchProperties properties) {
        this.rules = rules;
        this.properties = properties;
        this.fromDatabase = rules.fromDatabase();
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || running) {
            return;
        }
        if (fromDatabase) {
            log.info(
                    "rule sets live in the database: edits of {} are not watched; a reload imports them",
                    rules.rulesDir().toAbsolutePath());
            return;
        }
        Path dir = rules.rulesDir();
        try {
            watch = FileSystems.getDefault().newWatchService();
            register(dir);
        } catch (IOException e) {
            log.warn("cannot watch {}: {}; rule edits need a reload through the API", dir, e.toString());
            return;
        }
        ScheduledThreadPoolExecutor reloads = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rules-reload");
            t.setDaemon(true);
            return t;
        });
        // A stop drops a reload still waiting out its debounce and lets one under way end.
        reloads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = reloads;
        running = true;
        thread = new Thread(this::loop, "rules-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("watching {} for rule edits (debounce {})", dir.toAbsolutePath(), properties.debounce());
    }

    private void register(Path dir) throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                if (!dir.relativize(d).toString().startsWith("tests")) {
                    d.register(
                            watch,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        }
    }

    private void loop() {
        while (running) {
            WatchKey key;
            try {
                key = watch.take();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            boolean relevant = false;
            for (WatchEvent<?> event : key.pollEvents()) {
                Object ctx = event.context();
                if (event.kind() == StandardWatchEventKinds.OVERFLOW
                        || (ctx instanceof Path p && !p.getFileName().toString().startsWith("."))) {
                    relevant = true;
                }
            }
            key.reset();
            if (relevant) {
                schedule();
            }
        }
    }

    /** Pushes the reload back to {@code debounce} after the latest change. */
    private synchronized void schedule() {
        if (!running) {
            return; // stopped while the change came in: its reload is not wanted any more
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(
                () -> {
                    try {
                        register(rules.rulesDir());
                    } catch (IOException e) {
                        log.debug("re-registering folders: {}", e.toString());
                    }
                    rules.reload(WHO);
                },
                properties.debounce().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** How long a stop waits for a reload under way. */
    static final int STOP_WAIT_SECONDS = 30;

    @Override
    public synchronized void stop() {
        running = false;
        if (scheduler != null) {
            // Not interrupted, and waited for: a reload under way may be writing the rule history
            // to the embedded database, whose file the JDK closes when its thread is interrupted
            // in it, and which closes after this stop.
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("a rule reload under way did not end within {} s of the stop", STOP_WAIT_SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (watch != null) {
            try {
                watch.close();
            } catch (IOException e) {
                log.debug("closing the watch: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
