package org.candor.waiver;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Waiver;
import org.candor.intake.ActiveWaivers;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.SubmissionStore;
import org.candor.system.Account;
import org.candor.system.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Grants and ends waivers, and recomputes the verdict of the evaluation a waiver is granted on. */
@Service
public class WaiverService implements ActiveWaivers {
    private final WaiverStore waivers;
    private final SubmissionStore store;
    private final Clock clock = Clock.systemUTC();

    public WaiverService(WaiverStore waivers, SubmissionStore store) {
        this.waivers = waivers;
        this.store = store;
    }

    /** What an officer asks for. */
    public record Request(String ruleId, String subject, String justification, String approver, LocalDate expiresOn) {}

    LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Grants a waiver on one finding of an evaluation and stores the evaluation's recomputed
     * verdict. Refused (IllegalArgumentException) without a justification, an approver, an
     * expiry date from today on, or a finding that the rule id and subject name.
     */
    @Transactional
    public StoredEvaluation grant(String evaluationId, Request request, Account officer) {
        StoredEvaluation e = store.evaluation(evaluationId)
                .orElseThrow(() -> new NotFoundException("no evaluation " + evaluationId));
        if (request == null || blank(request.ruleId()) || blank(request.subject())) {
            throw new IllegalArgumentException("a waiver names the finding it covers: ruleId and subject");
        }
        if (blank(request.justification())) {
            throw new IllegalArgumentException("a waiver needs a justification");
        }
        if (blank(request.approver())) {
            throw new IllegalArgumentException("a waiver needs an approver");
        }
        if (request.expiresOn() == null || request.expiresOn().isBefore(today())) {
            throw new IllegalArgumentException("a waiver needs an expiry date from today on (expiresOn, YYYY-MM-DD)");
        }
        boolean exists = e.result().findings().stream()
                .anyMatch(
                        f -> f.ruleId().equals(request.ruleId()) && f.subject().equals(request.subject()));
        if (!exists) {
            throw new IllegalArgumentException(
                    "evaluation " + evaluationId + " has no " + request.ruleId() + " finding on " + request.subject());
        }
        Waiver w = new Waiver(
                UUID.randomUUID().toString(),
                evaluationId,
                request.ruleId(),
                request.subject(),
                request.justification().strip(),
                request.approver().strip(),
                request.expiresOn(),
                officer.username(),
                clock.instant());
        waivers.insert(w, e.submissionId(), e.agency());
        EvaluationResult applied = Waivers.apply(e.result(), waivers.forSubmission(e.submissionId()), today());
        store.updateResult(evaluationId, applied);
        return new StoredEvaluation(e.id(), e.submissionId(), e.submittedBy(), e.evaluatedBy(), applied);
    }

    /**
     * Ends a waiver now, recording who ended it and when; its original expiry date stays. The
     * finding counts again from now on: the submission's newest evaluation, if the waiver was
     * applied to it, is recomputed without it, and later evaluations no longer apply it. Older
     * evaluations keep the verdict they had.
     */
    @Transactional
    public Waiver end(String waiverId, Account officer) {
        waivers.find(waiverId).orElseThrow(() -> new NotFoundException("no waiver " + waiverId));
        if (waivers.end(waiverId, officer.username(), clock.instant())) {
            String submissionId = waivers.submissionOf(waiverId).orElseThrow();
            store.latestEvaluation(submissionId)
                    .filter(e -> e.result().waivers().stream().anyMatch(w -> w.id().equals(waiverId)))
                    .ifPresent(e -> store.updateResult(
                            e.id(), Waivers.apply(e.result(), waivers.forSubmission(submissionId), today())));
        }
        return waivers.find(waiverId).orElseThrow();
    }

    /** Waivers an account may see: all of them, or an agency's own. */
    public List<Waiver> visible(Account account) {
        return waivers.all(account.isAgency() ? account.agency() : null);
    }

    /**
     * Waivers an account may see, newest first, with their campaign and agency; only those whose
     * campaign, agency, rule, subject or approver contains {@code text} (any case) when given.
     */
    public List<WaiverStore.Listed> listed(Account account, String text) {
        return waivers.listed(account.isAgency() ? account.agency() : null, text);
    }

    /** The result with the submission's waivers that are active today applied. */
    @Override
    public EvaluationResult applyActive(String submissionId, EvaluationResult result) {
        List<Waiver> all = waivers.forSubmission(submissionId);
        return all.isEmpty() ? result : Waivers.apply(result, all, today());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
