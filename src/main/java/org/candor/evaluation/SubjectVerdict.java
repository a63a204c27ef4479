package org.candor.evaluation;

/**
 * The verdict on one post or influencer, with its counts of findings.
 *
 * @param label a short description: the platform and format of a post, the name of an influencer
 * @param related for an influencer, how many of their posts failed; for a post, the influencer
 */
public record SubjectVerdict(
        String subject, String label, String related, Verdict verdict, int fails, int warnings, int infos) {}
