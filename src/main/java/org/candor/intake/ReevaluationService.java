package org.candor.intake;

import java.util.Locale;
import java.util.Optional;
import org.candor.rules.change.RuleSnapshots;
import org.candor.system.Account;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Judges a stored submission again, under the rules in force now or under the rules an earlier
 * evaluation of it was made with, built again from their snapshot in the rule history. Either
 * way a new evaluation is stored beside the old ones, naming the rule set it was made with.
 */
@Service
public class ReevaluationService {

    /** Which rules a re-evaluation uses. */
    public enum Rules {
        /** The rules the evaluation being re-evaluated was made with. */
        ORIGINAL,
        /** The rules in force now. */
        CURRENT;

        /** "original" or "current", in any case; empty for anything else. */
        public static Optional<Rules> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    /** The rules of the earlier evaluation cannot be had again (409). */
    public static class OriginalRulesUnavailableException extends ErrorResponseException {
        OriginalRulesUnavailableException(String detail) {
            super(HttpStatus.CONFLICT, problem(detail), null);
        }

        private static ProblemDetail problem(String detail) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
            p.setTitle("Original rules unavailable");
            return p;
        }
    }

    private final IntakeService intake;
    private final RuleSnapshots snapshots;

    public ReevaluationService(IntakeService intake, RuleSnapshots snapshots) {
        this.intake = intake;
        this.snapshots = snapshots;
    }

    /**
     * Judges the submission of {@code previous} again.
     *
     * @throws OriginalRulesUnavailableException when the original rules were never recorded or
     *     no longer build
     */
    public StoredEvaluation reevaluate(StoredEvaluation previous, Submission s, Account account, Rules rules) {
        if (rules == Rules.CURRENT) {
            return intake.reevaluate(s, account);
        }
        String hash = previous.result().ruleSetHash();
        RuleSnapshots.Lease lease;
        try {
            lease = snapshots.lease(hash);
        } catch (RuleSnapshots.UnavailableException e) {
            throw new OriginalRulesUnavailableException("The rules evaluation " + previous.id()
                    + " was made with cannot be had again: " + e.getMessage()
                    + ". Re-evaluate it under the current rules instead.");
        }
        try (lease) {
            return intake.reevaluate(s, account, lease.ruleSet());
        }
    }
}
