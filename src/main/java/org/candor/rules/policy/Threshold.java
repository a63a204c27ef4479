package org.candor.rules.policy;

/**
 * One row of a thresholds table: a number the checks compare against, known by its name. The
 * rules read it by name ({@code $l.get("ADULT_AGE")}), so a new threshold is a new row.
 *
 * @param description what the number means, as the table says; null when it says nothing
 */
public record Threshold(String name, double value, String description) {}
