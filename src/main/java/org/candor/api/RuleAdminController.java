package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.candor.ruleadmin.RuleAdministration;
import org.candor.ruleadmin.RuleAdministration.RuleChangeResult;
import org.candor.ruleadmin.RuleAdministration.RuleTestRun;
import org.candor.ruleadmin.RuleAdministration.RuleValidation;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleService;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.change.RuleChanges;
import org.candor.rules.change.RuleEditException;
import org.candor.rules.change.RuleHistory;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.springframework.http.ETag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The rules folder for compliance officers: read its files, check a proposed change (does it
 * build, what does it change, do the rule tests still pass), change or delete a file, reload, and
 * read the history of every change. Officers only, whatever the security configuration says.
 *
 * <p>A change is applied over the folder's files as they are now, built, run against the rule
 * tests in {@code rules/tests/}, and only then written, atomically, inside the rules folder; the
 * folder is then reloaded and the change recorded with who made it. A change that does not build
 * is refused (422) and one that fails rule tests too (409), unless forced, and a forced change is
 * recorded as such.
 *
 * <p>A file is sent with its version as a strong ETag (the SHA-256 of its content). Writing or
 * deleting a file needs the version it was made on in {@code If-Match} (412 when the folder holds
 * another, 428 without one); creating a file may send {@code If-None-Match: *} instead (412 when
 * it is there already). A reload runs the rule tests as a change does: refused (409) when they
 * fail, unless forced, and the refusal is recorded in the history.
 */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Rules administration")
class RuleAdminController {

    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final RuleService rules;
    private final RuleChanges changes;
    private final RuleHistory history;
    private final RuleAdministration admin;
    private final Accounts accounts;

    RuleAdminController(
            RuleService rules, RuleChanges changes, RuleHistory history, RuleAdministration admin, Accounts accounts) {
        this.rules = rules;
        this.changes = changes;
        this.history = history;
        this.admin = admin;
        this.accounts = accounts;
    }

    /**
     * A proposed change as JSON: files to write (name to content; a workbook's content in
     * Base64) and files to delete.
     */
    record RuleChangeRequest(Map<String, String> files, List<String> delete) {}

    /** A file of the rules folder. */
    record RuleFileEntry(String name, long size, String sha256) {}

    /**
     * The rules folder: its files, the hash they make, and the rule set in force (they differ when
     * an edit of the folder was refused: it did not build, or its rule tests fail).
     */
    record RuleFolder(
            String folderHash,
            String ruleSetHash,
            List<BuildProblem> lastErrors,
            List<String> lastTestFailures,
            List<String> lastAlreadyFailing,
            List<RuleFileEntry> files) {}

    // ---- reading ----

    @Operation(summary = "The files of the rules folder (officers)")
    @GetMapping(value = "/files", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleFolder files(Authentication auth) {
        Map<String, byte[]> files = rules.files();
        List<RuleFileEntry> entries = files.entrySet().stream()
                .map(e -> new RuleFileEntry(e.getKey(), e.getValue().length, sha256(e.getValue())))
                .toList();
        return new RuleFolder(
                RuleSetLoader.hash(files),
                rules.current().hash(),
                rules.lastErrors(),
                rules.lastTestFailures(),
                rules.lastAlreadyFailing(),
                entries);
    }

    @Operation(summary = "One file of the rules folder, as it is (officers)")
    @GetMapping("/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable String name, Authentication auth) {
        byte[] content = changes.read(name);
        // A conditional GET (If-None-Match) is answered 304 by Spring MVC from this ETag.
        return ResponseEntity.ok().contentType(typeOf(name)).eTag(etag(content)).body(content);
    }

    @Operation(summary = "Every change of the rules in force, newest first (officers)")
    @GetMapping(value = "/history", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleHistory.HistoryPage history(
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Authentication auth) {
        if (page < 0 || size < 1 || size > 200) {
            throw new BadRequestException("page must be 0 or more and size between 1 and 200");
        }
        return history.history(page, size);
    }

    // ---- checking a proposed change ----

    @Operation(
            summary =
                    "Check a proposed change, applied over the folder's files: JSON {files: {name: content}, delete: [name]}")
    @PostMapping(
            value = "/validate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RuleValidation validate(@RequestBody RuleChangeRequest request, Authentication auth) {
        return admin.validate(edit(request));
    }

    @Operation(summary = "Check proposed files, uploaded as form fields 'files' (and 'delete' names)")
    @PostMapping(
            value = "/validate",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RuleValidation validateUpload(
            @RequestPart(value = "files", required = false) List<MultipartFile> files,
            @RequestParam(value = "delete", required = false) List<String> delete,
            Authentication auth)
            throws IOException {
        return admin.validate(edit(files, delete));
    }

    @Operation(summary = "Run the rule tests against a proposed change (same body as validate), case by case")
    @PostMapping(
            value = "/test",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RuleTestRun test(@RequestBody RuleChangeRequest request, Authentication auth) {
        return admin.test(edit(request));
    }

    @Operation(
            summary = "Run the rule tests against proposed files, uploaded as form fields 'files' (and 'delete' names)")
    @PostMapping(
            value = "/test",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    RuleTestRun testUpload(
            @RequestPart(value = "files", required = false) List<MultipartFile> files,
            @RequestParam(value = "delete", required = false) List<String> delete,
            Authentication auth)
            throws IOException {
        return admin.test(edit(files, delete));
    }

    // ---- changing ----

    @Operation(
            summary = "Write one rule file (the body is its content): validated, tested, written, reloaded, recorded."
                    + " Needs If-Match with the file's ETag, or If-None-Match: * to create it (412 on another"
                    + " version, 428 without either)")
    @PutMapping(value = "/files/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RuleChangeResult> put(
            @PathVariable String name,
            @RequestBody(required = false) byte[] body,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            Authentication auth)
            throws IOException {
        Account officer = accounts.of(auth);
        byte[] now = rules.files().get(RuleChanges.checkName(name));
        byte[] content = body == null ? new byte[0] : body;
        RuleChanges.Edit edit =
                RuleChanges.Edit.put(name, content).expecting(name, expectedVersion(name, now, ifMatch, ifNoneMatch));
        RuleChangeResult result = apply(edit, RuleHistory.Action.PUT, force, officer);
        if (now == null && result.applied()) {
            return ResponseEntity.created(URI.create("/api/v1/rules/files/" + name))
                    .eTag(etag(content))
                    .body(result);
        }
        return ResponseEntity.ok().eTag(etag(content)).body(result);
    }

    @Operation(
            summary = "Delete one rule file: validated, tested, deleted, reloaded, recorded. Needs If-Match with the"
                    + " file's ETag (412 on another version, 428 without)")
    @DeleteMapping(value = "/files/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleChangeResult delete(
            @PathVariable String name,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication auth)
            throws IOException {
        Account officer = accounts.of(auth);
        byte[] now = changes.read(name);
        RuleChanges.Edit edit =
                RuleChanges.Edit.delete(name).expecting(name, expectedVersion(name, now, ifMatch, null));
        return apply(edit, RuleHistory.Action.DELETE, force, officer);
    }

    @Operation(
            summary = "Reload the rules folder as it is: refused when it does not build (422), and when its rule"
                    + " tests fail (409, recorded in the history) unless force=true")
    @PostMapping(value = "/reload", produces = MediaType.APPLICATION_JSON_VALUE)
    RuleChangeResult reload(@RequestParam(defaultValue = "false") boolean force, Authentication auth) {
        return admin.reload(accounts.of(auth).username(), force);
    }

    private RuleChangeResult apply(RuleChanges.Edit edit, RuleHistory.Action action, boolean force, Account officer)
            throws IOException {
        return admin.apply(edit, action, force, officer.username());
    }

    // ---- versions ----

    /** A file's version as an ETag: its SHA-256, strong, quoted. */
    static String etag(byte[] content) {
        return ETag.quoteETagIfNecessary(RuleChanges.version(content));
    }

    /**
     * The version of the file a change must be made on, from its preconditions: the version the
     * folder holds now when {@code If-Match} names it (or is {@code *} and the file is there),
     * {@link RuleChanges#ABSENT} for {@code If-None-Match: *}. The folder is checked against it
     * again, atomically, when the change is proposed.
     *
     * @param now the file's content now; null when it is not there
     * @throws PreconditionRequiredException without If-Match (or If-None-Match: * for a new file)
     * @throws RuleEditException ({@link RuleEditException.Reason#STALE}) when the precondition fails now
     */
    static String expectedVersion(String name, byte[] now, String ifMatch, String ifNoneMatch) {
        if (ifMatch != null && !ifMatch.isBlank()) {
            List<ETag> tags = ETag.parse(ifMatch);
            if (tags.isEmpty()) {
                throw new BadRequestException("If-Match must hold the file's ETag, in double quotes, or *");
            }
            if (now != null) {
                String version = RuleChanges.version(now);
                ETag current = new ETag(version, false);
                if (tags.stream().anyMatch(t -> t.isWildcard() || t.compare(current, true))) {
                    return version;
                }
            }
            throw new RuleEditException(
                    RuleEditException.Reason.STALE,
                    now == null
                            ? "the rule file '" + name + "' is not there (any more); If-Match cannot match it"
                            : "the rule file '" + name + "' was changed by someone else since it was read: its ETag"
                                    + " is now " + etag(now) + "; read it again and make the change on that version");
        }
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            if (ETag.parse(ifNoneMatch).stream().anyMatch(ETag::isWildcard)) {
                if (now != null) {
                    throw new RuleEditException(
                            RuleEditException.Reason.STALE,
                            "the rule file '" + name + "' exists already; read it and send its ETag in If-Match");
                }
                return RuleChanges.ABSENT;
            }
        }
        throw new PreconditionRequiredException(
                now == null
                        ? "Creating the rule file '" + name + "' needs the header If-None-Match: * (or If-Match with"
                                + " the ETag of the file, when it is there), so that no one else's change is"
                                + " overwritten."
                        : "Changing the rule file '" + name + "' needs the header If-Match with the ETag it was read"
                                + " with (GET /api/v1/rules/files/" + name + "), so that no one else's change is"
                                + " overwritten.");
    }

    /** A change of a rule file without the version it was made on. */
    static final class PreconditionRequiredException extends RuntimeException {
        PreconditionRequiredException(String message) {
            super(message);
        }
    }

    // ---- helpers ----

    static RuleChanges.Edit edit(RuleChangeRequest request) {
        Map<String, byte[]> put = new LinkedHashMap<>();
        if (request.files() != null) {
            request.files().forEach((name, content) -> put.put(name, decode(name, content)));
        }
        return new RuleChanges.Edit(put, request.delete() == null ? Set.of() : Set.copyOf(request.delete()));
    }

    static RuleChanges.Edit edit(List<MultipartFile> files, List<String> delete) throws IOException {
        Map<String, byte[]> put = new LinkedHashMap<>();
        for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
            String name = f.getOriginalFilename();
            if (put.put(RuleChanges.checkName(name), f.getBytes()) != null) {
                throw new BadRequestException("the file '" + name + "' is uploaded twice");
            }
        }
        return new RuleChanges.Edit(put, delete == null ? Set.of() : Set.copyOf(delete));
    }

    /** Text files as they are written; a workbook, which is not text, in Base64. */
    private static byte[] decode(String name, String content) {
        if (content == null) {
            throw new BadRequestException("the content of '" + name + "' is missing");
        }
        if (name != null && name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            try {
                return Base64.getMimeDecoder().decode(content);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("the content of '" + name + "' must be Base64: a workbook is not text");
            }
        }
        return content.getBytes(StandardCharsets.UTF_8);
    }

    private static MediaType typeOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx")) {
            return XLSX;
        }
        if (lower.endsWith(".csv")) {
            return new MediaType("text", "csv", StandardCharsets.UTF_8);
        }
        return new MediaType("text", "plain", StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        return RuleChanges.version(bytes);
    }
}
