package org.candor.cli.output;

import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;

/**
 * One campaign as the command line judged it.
 *
 * @param source where it was read from, as given on the command line ({@code -} for standard input)
 * @param campaign the campaign as read
 * @param result its evaluation
 * @param locations where each subject of the campaign lies in the source
 */
public record CheckedCampaign(String source, Campaign campaign, EvaluationResult result, SourceMap locations) {}
