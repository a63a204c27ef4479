package org.candor.rules;

/** How much a finding weighs: FAIL blocks the campaign, WARN needs a human look, INFO informs. */
public enum Severity {
    FAIL,
    WARN,
    INFO
}
