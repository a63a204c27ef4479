/**
 * Policy tables ({@code *.table.csv}, {@code *.table.xlsx}): term lists, caption folds and
 * thresholds, each column typed, read into the {@link org.candor.rules.policy.Policy} the facts
 * match against. The evaluation's facts and the table editor use it.
 */
@NamedInterface("policy")
package org.candor.rules.policy;

import org.springframework.modulith.NamedInterface;
