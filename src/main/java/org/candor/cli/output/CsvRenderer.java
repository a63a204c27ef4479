package org.candor.cli.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.candor.campaign.Problem;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Finding;

/**
 * CSV (RFC 4180, a header row, UTF-8): a row per finding with its campaign, verdict, rule,
 * subject, JSON path and line. A campaign without findings gets one row with its verdict and the
 * finding columns empty; an input that could not be judged gets a row per problem with verdict
 * {@code REJECTED}. A cell that a spreadsheet would run as a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is prefixed with an apostrophe.
 */
final class CsvRenderer implements Renderer {

    static final List<String> COLUMNS = List.of(
            "source",
            "reference",
            "agency",
            "verdict",
            "ruleId",
            "severity",
            "category",
            "waived",
            "subject",
            "jsonPath",
            "line",
            "title",
            "message",
            "evidence",
            "ruleSource",
            "remediation");

    @Override
    public void render(CheckReport report, OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        CsvMapper mapper = CsvMapper.builder()
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .build();
        try (SequenceWriter rows = mapper.writer(schema.build()).writeValues(out)) {
            for (CheckedCampaign c : report.campaigns()) {
                EvaluationResult r = c.result();
                if (r.findings().isEmpty()) {
                    rows.write(row(c, r, null));
                }
                for (Finding f : r.findings()) {
                    rows.write(row(c, r, f));
                }
            }
            for (RejectedInput rejected : report.rejected()) {
                for (Problem p : rejected.problems()) {
                    List<String> row = new ArrayList<>(empty());
                    row.set(0, rejected.source());
                    row.set(3, "REJECTED");
                    row.set(9, p.path());
                    row.set(12, p.message());
                    rows.write(safe(row));
                }
            }
        }
        out.flush();
    }

    private static List<String> row(CheckedCampaign c, EvaluationResult r, Finding f) {
        List<String> row = new ArrayList<>(empty());
        row.set(0, c.source());
        row.set(1, r.reference());
        row.set(2, r.agency());
        row.set(3, r.verdict().name());
        if (f != null) {
            row.set(4, f.ruleId());
            row.set(5, f.severity().name());
            row.set(6, f.category().name());
            row.set(7, String.valueOf(r.waiverOf(f).isPresent()));
            row.set(8, f.subject());
            row.set(9, c.locations().jsonPath(f.subject()));
            row.set(
                    10,
                    c.locations()
                            .position(f.subject())
                            .map(p -> String.valueOf(p.line()))
                            .orElse(""));
            row.set(11, f.title());
            row.set(12, f.message());
            row.set(13, f.evidence());
            row.set(14, f.source());
            row.set(15, f.remediation());
        }
        return safe(row);
    }

    private static List<String> empty() {
        List<String> row = new ArrayList<>();
        COLUMNS.forEach(c -> row.add(""));
        return row;
    }

    private static List<String> safe(List<String> row) {
        return row.stream().map(CsvRenderer::neutralise).toList();
    }

    /** A cell a spreadsheet would read as a formula, made plain text. */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
