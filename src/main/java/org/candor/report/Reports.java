package org.candor.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.candor.intake.EvaluationQuery;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.SubmissionStore;
import org.springframework.stereotype.Service;

/** The workbooks users download: an evaluation's Excel report and the portfolio workbook. */
@Service
public class Reports {
    private final SubmissionStore store;
    private final ExcelReportWriter reports;
    private final PortfolioReportWriter portfolios;

    public Reports(SubmissionStore store, ExcelReportWriter reports, PortfolioReportWriter portfolios) {
        this.store = store;
        this.reports = reports;
        this.portfolios = portfolios;
    }

    /** The evaluation's Excel report. */
    public Download report(StoredEvaluation e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            reports.write(e.result(), e.submittedBy(), out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Download(ExcelReportWriter.fileNameFor(e.result()), out.toByteArray());
    }

    /** The portfolio workbook over every evaluation the query matches (for officers and managers). */
    public Download portfolio(String agency, String brand, Instant from, Instant to) {
        List<PortfolioEntry> entries = store.all(new EvaluationQuery(agency, brand, null, from, to)).stream()
                .map(e -> new PortfolioEntry(e.id(), e.submittedBy(), e.result()))
                .toList();
        List<String> scope = new ArrayList<>();
        scope.add(
                from == null && to == null
                        ? "all time"
                        : (from == null ? "…" : from) + " to " + (to == null ? "now" : to));
        if (agency != null) {
            scope.add("agency " + agency);
        }
        if (brand != null) {
            scope.add("brand " + brand);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            portfolios.write(entries, String.join(", ", scope), out);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new Download(
                PortfolioReportWriter.fileNameFor(agency, brand, day(from), day(to), LocalDate.now(ZoneOffset.UTC)),
                out.toByteArray());
    }

    private static LocalDate day(Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
