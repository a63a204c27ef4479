package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.candor.evaluation.Verdict;
import org.candor.impact.ImpactChange;
import org.candor.impact.ImpactPreview;
import org.candor.impact.ImpactService;
import org.candor.report.Download;
import org.candor.report.ImpactReportWriter;
import org.candor.rules.change.RuleChanges;
import org.candor.system.Accounts;
import org.candor.system.Attachments;
import org.candor.system.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Impact previews for compliance officers: what a candidate change of the rules (the body of
 * validate and test) would do to each campaign's latest evaluation, before it is saved. Asking
 * answers 202 with the preview's address at once; the preview is worked on in the background, by
 * every instance, and read with its progress and the campaigns that change, or as a workbook.
 * A change that does not build is refused (422) and no preview is made.
 */
@RestController
@RequestMapping("/api/v1/rules/impact")
@Tag(name = "Rules administration")
class ImpactController {

    private final ImpactService impact;
    private final Accounts accounts;

    ImpactController(ImpactService impact, Accounts accounts) {
        this.impact = impact;
        this.accounts = accounts;
    }

    /** How far a preview got: campaigns judged of those in scope. */
    record Progress(int done, int total) {}

    /**
     * A preview as the API shows it.
     *
     * @param passToFail campaigns that pass now and would fail with the change
     * @param failToPass campaigns that fail now and would pass with the change
     * @param changes every campaign judged differently so far (unchanged campaigns are not listed)
     * @param workbook where the preview downloads as a workbook
     */
    record ImpactView(
            String id,
            ImpactPreview.Status status,
            String requestedBy,
            Instant createdAt,
            Instant finishedAt,
            Instant expiresAt,
            String baseHash,
            String candidateHash,
            String scope,
            Progress progress,
            String error,
            long passToFail,
            long failToPass,
            List<ImpactChange> changes,
            String workbook) {

        static ImpactView of(ImpactService.Report r) {
            ImpactPreview p = r.preview();
            return new ImpactView(
                    p.id(),
                    p.status(),
                    p.requestedBy(),
                    p.createdAt(),
                    p.finishedAt(),
                    p.expiresAt(),
                    p.baseHash(),
                    p.candidateHash(),
                    p.scope(),
                    new Progress(p.done(), p.total()),
                    p.error(),
                    r.flipsTo(Verdict.FAIL),
                    r.flipsTo(Verdict.PASS),
                    r.changes(),
                    "/api/v1/rules/impact/" + p.id() + "/impact.xlsx");
        }
    }

    @Operation(
            summary = "Preview a proposed change (same body as validate) over each campaign's latest evaluation,"
                    + " optionally of agencies and brands containing the given text; 202 with the preview")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImpactView> request(
            @RequestBody RuleAdminController.RuleChangeRequest request,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            Authentication auth) {
        String who = accounts.of(auth).username();
        return accepted(
                impact.request(RuleAdminController.edit(request), blankToNull(agency), blankToNull(brand), who));
    }

    @Operation(summary = "Preview proposed files, uploaded as form fields 'files' (and 'delete' names); 202")
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ImpactView> requestUpload(
            @RequestPart(value = "files", required = false) List<MultipartFile> files,
            @RequestParam(value = "delete", required = false) List<String> delete,
            @RequestParam(required = false) String agency,
            @RequestParam(required = false) String brand,
            Authentication auth)
            throws IOException {
        String who = accounts.of(auth).username();
        RuleChanges.Edit edit = RuleAdminController.edit(files, delete);
        return accepted(impact.request(edit, blankToNull(agency), blankToNull(brand), who));
    }

    private ResponseEntity<ImpactView> accepted(ImpactPreview p) {
        ImpactView view = ImpactView.of(impact.report(p.id()).orElseThrow());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/rules/impact/" + p.id()))
                .body(view);
    }

    @Operation(summary = "A preview: status, progress, the campaigns that flip and the findings that change")
    @GetMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImpactView read(@PathVariable String id, Authentication auth) {
        return ImpactView.of(impact.report(id).orElseThrow(() -> notFound(id)));
    }

    @Operation(summary = "Cancel a preview still queued or running; what it found so far is kept until it expires")
    @DeleteMapping(value = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ImpactView delete(@PathVariable String id, Authentication auth) {
        return cancel(id, auth);
    }

    @Operation(summary = "Cancel a preview still queued or running (as DELETE)")
    @PostMapping(value = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    ImpactView cancel(@PathVariable String id, Authentication auth) {
        return ImpactView.of(impact.cancel(id).orElseThrow(() -> notFound(id)));
    }

    @Operation(summary = "A preview as a workbook: Summary, Campaigns, Findings")
    @GetMapping("/{id}/impact.xlsx")
    ResponseEntity<byte[]> workbook(@PathVariable String id, Authentication auth) {
        Download d = impact.report(id).map(ImpactReportWriter::download).orElseThrow(() -> notFound(id));
        return Attachments.xlsx(d.fileName(), d.content());
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("There is no impact preview " + id + " (or it has expired).");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
