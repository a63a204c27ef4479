package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.candor.report.PortfolioEntry;
import org.candor.report.PortfolioReportWriter;
import org.candor.submission.EvaluationQuery;
import org.candor.submission.SubmissionStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Portfolio workbooks for managers. */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "Reports")
class ReportController {
    private final SubmissionStore store;

    ReportController(SubmissionStore store) {
        this.store = store;
    }

    @Operation(summary = "A workbook over many evaluations: verdicts, pass rates per agency and brand, top findings")
    @GetMapping("/portfolio.xlsx")
    ResponseEntity<byte[]> portfolio(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand)
            throws IOException {
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
        new PortfolioReportWriter().write(entries, String.join(", ", scope), out);
        return ResponseEntity.ok()
                .contentType(EvaluationController.XLSX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("portfolio.xlsx")
                                .build()
                                .toString())
                .body(out.toByteArray());
    }
}
