package org.candor.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.candor.campaign.Problem;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;

/**
 * For a person at a terminal: a line per campaign (reference, verdict, counts, source), its
 * findings below it, then the inputs that could not be judged and a closing tally.
 */
final class TextRenderer implements Renderer {

    @Override
    public void render(CheckReport report, OutputStream stream) throws IOException {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        for (CheckedCampaign c : report.campaigns()) {
            EvaluationResult r = c.result();
            out.println(summary(r) + "  " + c.source());
            for (Finding f : r.findings()) {
                String where = c.locations().jsonPath(f.subject())
                        + c.locations()
                                .position(f.subject())
                                .map(p -> ", line " + p.line())
                                .orElse("");
                String waived = r.waiverOf(f).isPresent() ? " (waived)" : "";
                out.printf(
                        Locale.ROOT,
                        "  %-4s %-10s %s (%s): %s%s%n",
                        f.severity(),
                        f.ruleId(),
                        f.subject(),
                        where,
                        f.message(),
                        waived);
            }
        }
        for (RejectedInput rejected : report.rejected()) {
            out.println("REJECTED " + rejected.source());
            for (Problem p : rejected.problems()) {
                out.println("  " + p.path() + ": " + p.message());
            }
        }
        long failing = report.campaigns().stream()
                .filter(c -> report.failOn().isMetBy(c.result()))
                .count();
        out.printf(
                Locale.ROOT,
                "%d campaign(s): %d failing (fail on %s), %d rejected; rule set %s%n",
                report.campaigns().size(),
                failing,
                report.failOn(),
                report.rejected().size(),
                report.ruleSetHash());
        out.flush();
    }

    /** "ACME-SPRING-26           FAIL  3 FAIL, 1 WARN, 0 INFO". */
    static String summary(EvaluationResult r) {
        return String.format(
                Locale.ROOT,
                "%-24s %-4s  %d FAIL, %d WARN, %d INFO",
                r.reference(),
                r.verdict(),
                r.counts().fails(),
                r.counts().warnings(),
                r.counts().infos());
    }
}
