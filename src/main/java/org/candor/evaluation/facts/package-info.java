/**
 * The facts the rules match (posts, influencers, claims, the campaign, reused content) and the
 * text matching behind them, compiled from the policy tables ({@link
 * org.candor.evaluation.facts.CompiledPolicy}). Rules name these types; the command line warms
 * their tables up before the first evaluation.
 */
@NamedInterface("facts")
package org.candor.evaluation.facts;

import org.springframework.modulith.NamedInterface;
