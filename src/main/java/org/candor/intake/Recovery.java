package org.candor.intake;

import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.candor.system.EvaluationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Evaluates what a crash left RECEIVED, in the background once the service is up: the start never
 * waits for it, and requests are served meanwhile. Each submission gets a limited number of tries
 * (counted before each try, so one that stops the process counts too) and is marked ERROR after
 * that; {@link IntakeService} evaluates it as it evaluates any submission.
 */
@Service
public class Recovery {
    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final SubmissionStore store;
    private final IntakeService intake;
    private final EvaluationPool pool;
    private final int recoveryAttempts;
    private volatile boolean stopping;
    private final ExecutorService recovery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "candor-recovery");
        t.setDaemon(true);
        return t;
    });

    public Recovery(SubmissionStore store, IntakeService intake, EvaluationPool pool, EvaluationProperties evaluation) {
        this.store = store;
        this.intake = intake;
        this.pool = pool;
        this.recoveryAttempts = evaluation.recoveryAttempts();
    }

    /**
     * Once the service is up, evaluates in the background what a crash left RECEIVED: the start
     * never waits for it, and requests are served meanwhile.
     */
    @EventListener(ApplicationReadyEvent.class)
    public Future<Integer> startRecovery() {
        return recovery.submit(this::recover);
    }

    /**
     * Stops recovery for a graceful shutdown: no submission is begun after the stop, and the
     * attempt under way may end for {@value #STOP_WAIT_SECONDS} s. An attempt that takes longer is
     * interrupted and given back (a stop is not the submission's fault), so the next start tries
     * it again with its attempts intact; only a process killed in an attempt leaves that attempt
     * counted. The thread is not interrupted at once: it may be in the embedded database's file,
     * and the JDK closes a file channel whose thread is interrupted in it, under every connection.
     */
    @PreDestroy
    void stopRecovery() throws InterruptedException {
        stopping = true;
        recovery.shutdown();
        if (!recovery.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
            recovery.shutdownNow();
            if (!recovery.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("recovery did not stop within {} s", STOP_WAIT_SECONDS + 10);
            }
        }
    }

    /** How long a stop lets the attempt under way end before interrupting it. */
    static final int STOP_WAIT_SECONDS = 10;

    /**
     * Evaluates what a crash left RECEIVED, oldest first. Each submission gets at most
     * {@code candor.evaluation.recovery-attempts} attempts in all (those of earlier starts count);
     * one that reaches a bound, or has used its attempts, is marked ERROR and never tried again.
     *
     * @return how many were evaluated
     */
    public int recover() {
        List<Submission> pending = store.received();
        int done = 0;
        for (Submission s : pending) {
            if (stopping || Thread.currentThread().isInterrupted()) {
                break;
            }
            if (recoverOne(s)) {
                done++;
            }
        }
        if (!pending.isEmpty()) {
            log.info("recovered {} of {} submission(s) left RECEIVED", done, pending.size());
        }
        return done;
    }

    private boolean recoverOne(Submission s) {
        while (true) {
            SubmissionStore.State state = store.state(s.id()).orElse(null);
            if (state == null || !Submission.RECEIVED.equals(state.status())) {
                return false;
            }
            int attempts = state.attempts();
            if (attempts >= recoveryAttempts) {
                String reason = "not evaluated: " + attempts + " attempt(s) did not finish, the most allowed";
                if (store.markError(s.id(), reason)) {
                    log.error("submission {} stored as ERROR: {}", s.id(), reason);
                }
                return false;
            }
            store.startAttempt(s.id());
            try (EvaluationPool.Place place = pool.reserveWaiting()) {
                return intake.evaluateOnRecovery(place, s) != null;
            } catch (EvaluationStoppedException e) {
                if (stopping) {
                    giveBackAttempt(s);
                    return false;
                }
                log.error("submission {} could not be evaluated on recovery: {}", s.id(), e.getMessage());
                return false;
            } catch (InterruptedException e) {
                giveBackAttempt(s);
                Thread.currentThread().interrupt();
                return false;
            } catch (RuntimeException e) {
                if (stopping) {
                    giveBackAttempt(s);
                    return false;
                }
                log.error("submission {} could not be evaluated on recovery (attempt {})", s.id(), attempts + 1, e);
            }
        }
    }

    /** Gives back the attempt a graceful shutdown interrupted; the storage call runs uninterrupted. */
    private void giveBackAttempt(Submission s) {
        boolean interrupted = Thread.interrupted();
        try {
            store.giveBackAttempt(s.id());
            log.info("submission {} left RECEIVED by the shutdown; the next start evaluates it", s.id());
        } catch (RuntimeException e) {
            log.warn("submission {}: the interrupted attempt could not be given back: {}", s.id(), e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
