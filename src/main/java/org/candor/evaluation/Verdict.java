package org.candor.evaluation;

/** PASS unless a FAIL finding stands. */
public enum Verdict {
    PASS,
    FAIL
}
