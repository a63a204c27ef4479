package org.candor.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.candor.report.Download;
import org.candor.report.ExcelReportWriter;
import org.candor.report.PortfolioEntry;
import org.candor.report.PortfolioReportWriter;
import org.candor.system.Account;
import org.candor.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Evaluations as a signed-in user may see them: an agency only its own (another agency's answers
 * "not found", as one that does not exist), officers and managers all; their reports and the
 * portfolio workbook. The API and the web pages both read through here.
 */
@Service
public class Evaluations {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final SubmissionStore store;

    public Evaluations(SubmissionStore store) {
        this.store = store;
    }

    /**
     * One evaluation, if the account may see it.
     *
     * @throws NotFoundException when there is none, or it is another agency's
     */
    public StoredEvaluation visible(String id, Account account) {
        return store.evaluation(id)
                .filter(e -> account.canSee(e.agency()))
                .orElseThrow(() -> new NotFoundException("no evaluation " + id));
    }

    /** A page of evaluations, in the query's order; an agency's query is limited to its own agency. */
    public Page<EvaluationSummary> list(EvaluationQuery query, int page, int size, Account account) {
        return store.list(account.isAgency() ? query.withAgency(account.agency()) : query, page, size);
    }

    /** When each evaluation the query matches was made, and its verdict; an agency sees its own. */
    public List<SubmissionStore.VerdictAt> verdicts(EvaluationQuery query, Account account) {
        return store.verdicts(account.isAgency() ? query.withAgency(account.agency()) : query);
    }

    /** The agencies an account may filter by: its own, or every agency with an evaluation. */
    public List<String> agencies(Account account) {
        return account.isAgency() ? List.of(account.agency()) : store.agencies();
    }

    /** The brands an account may filter by. */
    public List<String> brands(Account account) {
        return store.brands(account.isAgency() ? account.agency() : null);
    }

    /** The evaluation's Excel report. */
    public Download report(StoredEvaluation e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new ExcelReportWriter().write(e.result(), e.submittedBy(), out);
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
            new PortfolioReportWriter().write(entries, String.join(", ", scope), out);
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
