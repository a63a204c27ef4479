package org.candor.intake;

/**
 * What a submission came to: its evaluation, and whether it is the first evaluation of an earlier
 * submission sent with the same Idempotency-Key ({@code repeat}) rather than a new one.
 */
public record Accepted(StoredEvaluation evaluation, boolean repeat) {}
