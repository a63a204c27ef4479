package org.candor.checking;

import java.time.Clock;
import org.candor.campaign.CampaignReader;
import org.candor.campaign.CampaignValidator;
import org.candor.campaign.workbook.WorkbookCampaignReader;
import org.candor.evaluation.EvaluationBounds;
import org.candor.evaluation.Evaluator;
import org.candor.report.ExcelReportWriter;
import org.candor.rules.RuleSetLoader;

/**
 * The one place that builds what checks a campaign: the JSON and workbook readers, the evaluator,
 * the rule-set loader and the report writer. The service's configuration ({@link
 * CheckingConfiguration}), the command line and the rule tests take them from here.
 */
public final class CheckParts {
    private final int maxPosts;
    private final EvaluationBounds bounds;

    private CheckParts(int maxPosts, EvaluationBounds bounds) {
        this.maxPosts = maxPosts;
        this.bounds = bounds;
    }

    /** The service's parts: campaigns of at most {@code maxPosts} posts, evaluated within the bounds. */
    public static CheckParts forService(int maxPosts, EvaluationBounds bounds) {
        return new CheckParts(maxPosts, bounds);
    }

    /** Parts for campaigns of any number of posts (the command line, the rule tests), evaluated within the bounds. */
    public static CheckParts withoutPostLimit(EvaluationBounds bounds) {
        return new CheckParts(Integer.MAX_VALUE, bounds);
    }

    /** Reads and validates format v1 JSON. */
    public CampaignReader campaignReader() {
        return new CampaignReader(new CampaignValidator(maxPosts));
    }

    /** Reads and validates a campaign workbook. */
    public WorkbookCampaignReader workbookReader() {
        return new WorkbookCampaignReader(new CampaignValidator(maxPosts));
    }

    /** Evaluates within the bounds, dating results by the UTC clock. */
    public Evaluator evaluator() {
        return new Evaluator(Clock.systemUTC(), bounds);
    }

    /** Loads and builds a rules folder, keeping built rule sets in the standard cache. */
    public static RuleSetLoader ruleSetLoader() {
        return new RuleSetLoader();
    }

    /** Writes an evaluation's Excel report. */
    public static ExcelReportWriter reportWriter() {
        return new ExcelReportWriter();
    }
}
