package org.candor.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.candor.ruleadmin.PolicyTableEdits;
import org.candor.ruleadmin.RuleAdministration.RuleChangeResult;
import org.candor.rules.change.RuleChanges;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A policy table as a workbook, for officers who edit it in a spreadsheet program: download it
 * (a CSV table as a one-sheet workbook, with dropdowns for its closed sets) and upload it again.
 * An upload is read with the campaign workbook's guards, refused whole with the cell of each
 * problem (not a workbook, too big, a formula, a column the table does not have, a value the
 * build refuses), and otherwise saved in the table's own format as a change of the file: made on
 * the version in {@code If-Match}, built, run against the rule tests, recorded with who.
 */
@RestController
@RequestMapping("/api/v1/rules/tables")
@Tag(name = "Rules administration")
class RuleTableController {
    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final PolicyTableEdits tables;
    private final RuleChanges changes;
    private final Accounts accounts;

    RuleTableController(PolicyTableEdits tables, RuleChanges changes, Accounts accounts) {
        this.tables = tables;
        this.changes = changes;
        this.accounts = accounts;
    }

    @Operation(
            summary = "A policy table as an .xlsx workbook (officers); the ETag is the version of the table's file,"
                    + " for If-Match when the workbook is uploaded again")
    @GetMapping(value = "/{name}/workbook", produces = XLSX_TYPE)
    ResponseEntity<byte[]> download(@PathVariable String name, Authentication auth) {
        PolicyTableEdits.Current now = current(name);
        return Attachments.xlsx(PolicyTableEdits.workbookName(name), now.grid().workbook(), now.version());
    }

    @Operation(
            summary = "Replace a policy table with an uploaded .xlsx workbook (the body), saved in the table's own"
                    + " format: validated, tested, written, reloaded, recorded. Needs If-Match with the ETag of the"
                    + " table (412 on another version, 428 without); 422 names the cell of each problem")
    @PutMapping(
            value = "/{name}/workbook",
            consumes = {XLSX_TYPE, MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    RuleChangeResult upload(
            @PathVariable String name,
            @RequestBody(required = false) byte[] body,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            Authentication auth)
            throws IOException {
        Account officer = accounts.of(auth);
        current(name);
        String version = RuleAdminController.expectedVersion(name, changes.read(name), ifMatch, null);
        return tables.upload(name, body == null ? new byte[0] : body, version, force, officer.username());
    }

    private PolicyTableEdits.Current current(String name) {
        if (!PolicyTableEdits.isTable(name)) {
            throw new NotFoundException("'" + name + "' is not a policy table (*.table.csv or *.table.xlsx)");
        }
        return tables.current(name);
    }
}
