package org.candor.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.candor.campaign.workbook.WorkbookSheets;
import org.candor.ruleadmin.PolicyTableEdits;
import org.candor.ruleadmin.PolicyTableEdits.CellError;
import org.candor.ruleadmin.RuleAdministration;
import org.candor.rules.change.RuleEditException;
import org.candor.rules.policy.PolicyGrid;
import org.candor.system.Accounts;
import org.candor.system.Attachments;
import org.candor.system.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * A compliance officer's grid editor for a policy table: its rows as a table of fields, a dropdown
 * for each column of a closed set, rows added and deleted, the notes and title rows kept. Validate,
 * Run rule tests and Save work as in the text editor, through the same checks; a cell the build
 * refuses shows its problem beside it. The table also downloads as a workbook, and a workbook
 * uploaded in its place is saved in the table's own format through the same checks.
 */
@Controller
@RequestMapping("/officer/rules/tables")
class TablePages {
    private static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final PolicyTableEdits tables;
    private final Accounts accounts;

    TablePages(PolicyTableEdits tables, Accounts accounts) {
        this.tables = tables;
        this.accounts = accounts;
    }

    /** A cell as the page shows it: its text, and the problem the build found with it. */
    public record CellView(String value, String error) {}

    /** A data row: its place in the grid, its cells, and a problem of the whole row. */
    public record RowView(int index, List<CellView> cells, String error) {}

    /** A table of the file (one for a CSV file, one a sheet for a workbook). */
    public record TableView(
            int index,
            String sheet,
            List<String> notes,
            List<PolicyGrid.Column> columns,
            List<RowView> rows,
            List<String> errors) {}

    @GetMapping("/{name}")
    String grid(@PathVariable String name, Model model) {
        PolicyTableEdits.Current now = current(name);
        return page(now.grid(), now.version(), List.of(), model);
    }

    /**
     * Validate, Run rule tests or Save the grid; without the page's script, add a row
     * ({@code add:TABLE}) or delete one ({@code delete:TABLE:ROW}) too.
     */
    @PostMapping("/{name}")
    String edit(
            @PathVariable String name,
            @RequestParam String action,
            @RequestParam(required = false) String version,
            @RequestParam(defaultValue = "false") boolean force,
            @RequestParam MultiValueMap<String, String> form,
            Authentication auth,
            Model model,
            HttpServletResponse response)
            throws IOException {
        PolicyTableEdits.Current now = current(name);
        String shown = version == null ? "" : version;
        PolicyGrid grid = now.grid();
        for (int t = 0; t < grid.tables().size(); t++) {
            PolicyGrid.Table table = grid.tables().get(t);
            if (table.kind() == null) {
                continue;
            }
            int width = table.columns().size();
            List<String> cells = form.getOrDefault("t" + t, List.of());
            String posted = form.getFirst("width" + t);
            if (!String.valueOf(width).equals(posted) || cells.size() % width != 0) {
                response.setStatus(409);
                model.addAttribute(
                        "conflict",
                        "Not used: the columns of " + name + " changed after you opened it. Open it again and make"
                                + " your change there.");
                return page(grid, now.version(), List.of(), model);
            }
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < cells.size(); i += width) {
                rows.add(List.copyOf(cells.subList(i, i + width)));
            }
            if (action.equals("add:" + t)) {
                rows.add(java.util.Collections.nCopies(width, ""));
                grid = withRowsKeepingBlanks(grid, t, rows);
            } else if (action.startsWith("delete:" + t + ":")) {
                int row = Integer.parseInt(action.substring(("delete:" + t + ":").length()));
                if (row >= 0 && row < rows.size()) {
                    rows.remove(row);
                }
                grid = withRowsKeepingBlanks(grid, t, rows);
            } else {
                grid = grid.withRows(t, rows);
            }
        }
        model.addAttribute("action", action);
        List<CellError> errors = List.of();
        switch (action) {
            case "validate" -> {
                PolicyTableEdits.Check check = tables.validate(grid);
                errors = check.errors();
                if (check.validation().ok()) {
                    model.addAttribute("validation", check.validation());
                } else {
                    // The problems show beside their cells and in the list of this page.
                    response.setStatus(422);
                }
            }
            case "test" -> {
                try {
                    model.addAttribute("testRun", tables.test(grid));
                } catch (PolicyTableEdits.GridRefusedException e) {
                    response.setStatus(422);
                    errors = e.errors();
                    model.addAttribute("gridRefused", true);
                }
            }
            case "save" -> {
                if (version == null || version.isBlank()) {
                    response.setStatus(428);
                    model.addAttribute(
                            "conflict",
                            "This page did not say which version of " + name + " it was opened on, so saving could"
                                    + " overwrite someone else's change. Open the table again and make your change"
                                    + " there; your rows are below, not saved.");
                    break;
                }
                try {
                    RuleAdministration.RuleChangeResult r =
                            tables.save(grid, version, force, accounts.of(auth).username());
                    model.addAttribute("saved", r);
                    shown = current(name).version();
                } catch (PolicyTableEdits.GridRefusedException e) {
                    response.setStatus(422);
                    errors = e.errors();
                    model.addAttribute("gridRefused", true);
                } catch (RuleAdministration.FailingRuleTestsException e) {
                    Pages.refusedForTests(e, model, response);
                } catch (RuleEditException e) {
                    stale(name, e, model, response);
                }
            }
            default -> {
                if (!action.startsWith("add:") && !action.startsWith("delete:")) {
                    throw new RuleEditException(RuleEditException.Reason.BAD_NAME, "unknown action '" + action + "'");
                }
                model.addAttribute("action", null);
            }
        }
        return page(grid, shown, errors, model);
    }

    /** The table as a workbook, to edit in a spreadsheet program and upload again. */
    @GetMapping("/{name}/workbook")
    ResponseEntity<byte[]> workbook(@PathVariable String name) {
        PolicyTableEdits.Current now = current(name);
        return Attachments.xlsx(PolicyTableEdits.workbookName(name), now.grid().workbook(), now.version());
    }

    /** Saves an uploaded workbook as the table, in the table's own format, through the same checks. */
    @PostMapping("/{name}/upload")
    String upload(
            @PathVariable String name,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String version,
            @RequestParam(defaultValue = "false") boolean force,
            Authentication auth,
            Model model,
            HttpServletResponse response)
            throws IOException {
        PolicyTableEdits.Current now = current(name);
        model.addAttribute("action", "upload");
        if (version == null || version.isBlank()) {
            response.setStatus(428);
            model.addAttribute("conflict", "This page did not say which version of " + name + " it was opened on.");
            return page(now.grid(), now.version(), List.of(), model);
        }
        try {
            byte[] bytes = file == null ? new byte[0] : file.getBytes();
            RuleAdministration.RuleChangeResult r =
                    tables.upload(name, bytes, version, force, accounts.of(auth).username());
            model.addAttribute("saved", r);
            now = current(name);
        } catch (WorkbookSheets.RefusedException e) {
            response.setStatus(422);
            model.addAttribute("uploadErrors", e.problems());
        } catch (RuleAdministration.FailingRuleTestsException e) {
            Pages.refusedForTests(e, model, response);
        } catch (RuleEditException e) {
            stale(name, e, model, response);
        }
        return page(now.grid(), now.version(), List.of(), model);
    }

    private static void stale(String name, RuleEditException e, Model model, HttpServletResponse response) {
        Pages.refusedAsStale(
                e,
                "Not saved: someone else changed " + name + " after you opened it, and saving would overwrite"
                        + " their change. Open the table again to see their version, then make your change on it.",
                model,
                response);
    }

    private PolicyTableEdits.Current current(String name) {
        if (!PolicyTableEdits.isTable(name)) {
            throw new NotFoundException("'" + name + "' is not a policy table");
        }
        return tables.current(name);
    }

    /** A grid with the rows as posted, blank ones kept, for a page that is being edited. */
    private static PolicyGrid withRowsKeepingBlanks(PolicyGrid grid, int t, List<List<String>> rows) {
        PolicyGrid.Table table = grid.tables().get(t);
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbers.add(table.head().size() + i + 1);
        }
        List<PolicyGrid.Table> all = new ArrayList<>(grid.tables());
        all.set(
                t,
                new PolicyGrid.Table(
                        table.sheet(), table.kind(), table.head(), table.columns(), List.copyOf(rows), numbers));
        return new PolicyGrid(grid.file(), List.copyOf(all));
    }

    private String page(PolicyGrid grid, String version, List<CellError> errors, Model model) {
        List<TableView> views = new ArrayList<>();
        for (int t = 0; t < grid.tables().size(); t++) {
            PolicyGrid.Table table = grid.tables().get(t);
            if (table.kind() == null) {
                continue;
            }
            int tt = t;
            List<RowView> rows = new ArrayList<>();
            for (int r = 0; r < table.rows().size(); r++) {
                int rr = r;
                List<CellView> cells = new ArrayList<>();
                for (int c = 0; c < table.columns().size(); c++) {
                    int cc = c;
                    cells.add(new CellView(
                            table.rows().get(r).get(c),
                            join(errors.stream()
                                    .filter(e -> e.table() == tt && e.row() == rr && e.column() == cc)
                                    .map(CellError::message)
                                    .toList())));
                }
                rows.add(new RowView(
                        r,
                        cells,
                        join(errors.stream()
                                .filter(e -> e.table() == tt && e.row() == rr && e.column() < 0)
                                .map(CellError::message)
                                .toList())));
            }
            views.add(new TableView(
                    t,
                    table.sheet(),
                    table.notes(),
                    table.columns(),
                    rows,
                    errors.stream()
                            .filter(e -> e.table() == tt && e.row() < 0)
                            .map(e -> e.where() + ": " + e.message())
                            .toList()));
        }
        model.addAttribute("name", grid.file());
        model.addAttribute("version", version);
        model.addAttribute("tables", views);
        model.addAttribute(
                "otherErrors",
                errors.stream()
                        .filter(e -> e.table() < 0)
                        .map(e -> e.where() + ": " + e.message())
                        .toList());
        model.addAttribute(
                "cellErrors", errors.stream().filter(e -> e.table() >= 0).toList());
        model.addAttribute("workbookName", PolicyTableEdits.workbookName(grid.file()));
        model.addAttribute("maxUploadBytes", PolicyTableEdits.MAX_UPLOAD_BYTES);
        model.addAttribute("csv", !grid.file().toLowerCase(Locale.ROOT).endsWith(".xlsx"));
        return "officer/table";
    }

    private static String join(List<String> messages) {
        return messages.isEmpty() ? null : String.join("; ", messages);
    }
}
