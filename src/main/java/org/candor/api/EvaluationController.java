package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.candor.intake.Accepted;
import org.candor.intake.EncodingRefusedException;
import org.candor.intake.EvaluationFilter;
import org.candor.intake.EvaluationQuery;
import org.candor.intake.EvaluationSummary;
import org.candor.intake.Evaluations;
import org.candor.intake.IntakeService;
import org.candor.intake.Page;
import org.candor.intake.ReevaluationService;
import org.candor.intake.StoredEvaluation;
import org.candor.intake.Submission;
import org.candor.intake.SubmissionStore;
import org.candor.report.Download;
import org.candor.report.Reports;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.candor.system.Attachments;
import org.candor.system.NotFoundException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Submit campaigns, list and read evaluations, download their reports. */
@RestController
@RequestMapping("/api/v1/evaluations")
@Tag(name = "Evaluations")
class EvaluationController {
    static final MediaType XLSX = MediaType.parseMediaType(Evaluations.XLSX);

    private final IntakeService intake;
    private final SubmissionStore store;
    private final Accounts accounts;
    private final ReevaluationService reevaluations;
    private final Evaluations evaluations;
    private final Reports reports;

    EvaluationController(
            IntakeService intake,
            SubmissionStore store,
            Accounts accounts,
            ReevaluationService reevaluations,
            Evaluations evaluations,
            Reports reports) {
        this.evaluations = evaluations;
        this.reports = reports;
        this.intake = intake;
        this.store = store;
        this.accounts = accounts;
        this.reevaluations = reevaluations;
    }

    @Operation(summary = "Submit a campaign (format v1 JSON) and get its evaluation")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredEvaluation> submitJson(
            @RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @Parameter(description = IDEMPOTENCY_KEY_DOC) @RequestHeader(value = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            Authentication auth) {
        if (contentType.getCharset() != null && !StandardCharsets.UTF_8.equals(contentType.getCharset())) {
            throw new EncodingRefusedException("the body is declared as "
                    + contentType.getCharset().name() + "; send the campaign as UTF-8 (charset=UTF-8, or no charset)");
        }
        return answer(intake.submit(body, MediaType.APPLICATION_JSON_VALUE, accounts.of(auth), idempotencyKey));
    }

    /** The header that makes a submission safe to send again. */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    static final String IDEMPOTENCY_KEY_DOC = "A key of your choosing (a UUID) for this campaign: sent again with the"
            + " same key, it gets the first evaluation back (200, Idempotent-Replayed: true) instead of a second one";

    /** 201 with the new evaluation; 200 with the first evaluation when the key was sent before. */
    private static ResponseEntity<StoredEvaluation> answer(Accepted a) {
        if (!a.repeat()) {
            return created(a.evaluation());
        }
        return ResponseEntity.ok()
                .location(URI.create("/api/v1/evaluations/" + a.evaluation().id()))
                .header("Idempotent-Replayed", "true")
                .body(a.evaluation());
    }

    @Operation(
            summary =
                    "Submit a campaign as an uploaded file (form field 'file'): .json, or the .xlsx template filled in")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredEvaluation> submitFile(
            @RequestPart("file") MultipartFile file,
            @Parameter(description = IDEMPOTENCY_KEY_DOC) @RequestHeader(value = IDEMPOTENCY_KEY, required = false)
                    String idempotencyKey,
            Authentication auth)
            throws IOException {
        return answer(
                intake.submitUpload(file.getOriginalFilename(), file.getBytes(), accounts.of(auth), idempotencyKey));
    }

    private static ResponseEntity<StoredEvaluation> created(StoredEvaluation e) {
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + e.id()))
                .body(e);
    }

    @Operation(
            summary = "List evaluations; an agency sees only its own. Agency, brand and reference match any part, in"
                    + " any case; verdict in any case; from and to are days (UTC, both included) or exact times;"
                    + " latest=true keeps each campaign's newest evaluation; sort by evaluatedAt (default, newest"
                    + " first), reference, agency, brand, verdict, fails or warnings, with dir=asc or desc")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Page<EvaluationSummary> list(
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            @RequestParam(required = false) String verdict,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String reference,
            @RequestParam(defaultValue = "false") boolean latest,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        Account account = accounts.of(auth);
        if (page < 0 || size < 1 || size > 200) {
            throw new BadRequestException("page must be 0 or more and size between 1 and 200");
        }
        EvaluationQuery q;
        try {
            Instant start = EvaluationFilter.from(from);
            Instant end = EvaluationFilter.to(to);
            EvaluationFilter.checkPeriod(start, end, from, to);
            EvaluationQuery.Sort by = sort == null || sort.isBlank()
                    ? null
                    : EvaluationQuery.Sort.parse(sort)
                            .orElseThrow(() -> new IllegalArgumentException("sort is one of evaluatedAt, reference,"
                                    + " agency, brand, verdict, fails, warnings; not '" + sort + "'"));
            boolean descending = descending(dir, by);
            q = new EvaluationQuery(
                    blankToNull(agency),
                    blankToNull(brand),
                    EvaluationFilter.verdict(verdict),
                    start,
                    end,
                    latest,
                    null,
                    blankToNull(reference),
                    by,
                    descending);
        } catch (IllegalArgumentException bad) {
            throw new BadRequestException(bad.getMessage());
        }
        return evaluations.list(q, page, size, account);
    }

    private static boolean descending(String dir, EvaluationQuery.Sort by) {
        if (dir == null || dir.isBlank()) {
            return by == null || by == EvaluationQuery.Sort.EVALUATED_AT;
        }
        return switch (dir.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw new IllegalArgumentException("dir is asc or desc, not '" + dir + "'");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Operation(summary = "One evaluation with every finding")
    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    StoredEvaluation get(@PathVariable String id, Authentication auth) {
        return visible(id, accounts.of(auth));
    }

    @Operation(summary = "The evaluation's Excel report")
    @GetMapping(value = "/{id}/report.xlsx")
    ResponseEntity<byte[]> report(@PathVariable String id, Authentication auth) throws IOException {
        Download d = reports.report(visible(id, accounts.of(auth)));
        return Attachments.xlsx(d.fileName(), d.content());
    }

    @Operation(
            summary = "Judge the stored submission again, under the rules in force (rules=current, the default)"
                    + " or the rules this evaluation was made with (rules=original); the old evaluation is kept")
    @PostMapping(value = "/{id}/reevaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StoredEvaluation> reevaluate(
            @PathVariable String id, @RequestParam(defaultValue = "current") String rules, Authentication auth) {
        ReevaluationService.Rules which = ReevaluationService.Rules.parse(rules)
                .orElseThrow(() -> new BadRequestException("rules is 'original' or 'current', not '" + rules + "'"));
        Account account = accounts.of(auth);
        StoredEvaluation e = visible(id, account);
        Submission s = store.submission(e.submissionId()).orElseThrow(() -> new NotFoundException("submission"));
        return created(reevaluations.reevaluate(e, s, account, which));
    }

    private StoredEvaluation visible(String id, Account account) {
        return evaluations.visible(id, account);
    }
}
