package org.candor.intake;

import org.candor.evaluation.EvaluationResult;

/**
 * Where a copy of each stored evaluation's report goes; the reports provide it ({@code
 * org.candor.report.ReportArchive}), so that intake needs nothing else of them.
 */
public interface EvaluationArchive {

    /** Keeps a copy of the evaluation's report. */
    void archive(String evaluationId, EvaluationResult result, String submittedBy);
}
