package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import org.candor.report.Download;
import org.candor.report.Reports;
import org.candor.system.Attachments;
import org.springframework.format.annotation.DateTimeFormat;
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
    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @Operation(summary = "A workbook over many evaluations: verdicts, pass rates per agency and brand, top findings")
    @GetMapping("/portfolio.xlsx")
    ResponseEntity<byte[]> portfolio(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand)
            throws IOException {
        Download d = reports.portfolio(agency, brand, from, to);
        return Attachments.xlsx(d.fileName(), d.content());
    }
}
