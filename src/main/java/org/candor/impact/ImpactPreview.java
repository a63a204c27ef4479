package org.candor.impact;

import java.time.Instant;

/**
 * An impact preview as stored: where it stands and how far it got.
 *
 * @param baseHash the rules in force when it was asked for, which the candidate is compared with
 * @param candidateHash the rule set the candidate change builds to
 * @param scope what part of the portfolio it covers, e.g. "all campaigns" or "agency Northwind"
 * @param total how many campaigns it judges
 * @param done how many of them are judged
 * @param error why it FAILED; null otherwise
 */
public record ImpactPreview(
        String id,
        Status status,
        String requestedBy,
        Instant createdAt,
        Instant finishedAt,
        Instant expiresAt,
        String baseHash,
        String candidateHash,
        String scope,
        int total,
        int done,
        String error) {

    /** Where a preview stands. */
    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        CANCELLED,
        FAILED;

        /** Whether nothing more happens to it. */
        public boolean finished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }
    }
}
