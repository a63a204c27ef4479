package org.candor.ruleadmin;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.util.CellReference;
import org.candor.campaign.workbook.WorkbookSheets;
import org.candor.campaign.workbook.WorkbookSheets.CellProblem;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.change.RuleChanges;
import org.candor.rules.change.RuleEditException;
import org.candor.rules.change.RuleHistory;
import org.candor.rules.policy.PolicyGrid;
import org.candor.rules.policy.PolicyTables;
import org.springframework.stereotype.Service;

/**
 * Policy tables edited as grids or as uploaded workbooks. Nothing here writes a file: a grid is
 * written in its table's own format and goes through {@link RuleAdministration}, as a change in
 * the text editor or {@code PUT /api/v1/rules/files/{name}} does — the version it was made on,
 * the build, the rule-test gate, the history with who. The build's problems with the table are
 * placed back on the grid's cells, or on the uploaded workbook's.
 */
@Service
public class PolicyTableEdits {

    /** The largest workbook taken for a table; the default tables are a few dozen kilobytes. */
    public static final int MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

    private static final Pattern SHEET_PREFIX = Pattern.compile("^sheet '((?:[^']|'')*)', ");

    private final RuleChanges changes;
    private final RuleAdministration admin;
    private final WorkbookSheets uploads = new WorkbookSheets(
            PolicyGrid.MAX_ROWS + 100,
            Duration.ofSeconds(10),
            "download the table as a workbook (.xlsx), edit it in Excel or LibreOffice");

    public PolicyTableEdits(RuleChanges changes, RuleAdministration admin) {
        this.changes = changes;
        this.admin = admin;
    }

    /**
     * A problem of a grid placed where it belongs.
     *
     * @param table the table (0 for a CSV file's); -1 when the problem is not in the table's file
     * @param row the data row (from 0); -1 for the table as a whole, its notes or title row
     * @param column the column (from 0); -1 for a whole row or table
     * @param where the file and row, or sheet and cell, for a list of problems
     */
    public record CellError(int table, int row, int column, String where, String message) {}

    /** A grid's cells that do not build, and what else the build says. */
    public static final class GridRefusedException extends RuntimeException {
        private final transient List<CellError> errors;

        GridRefusedException(List<CellError> errors, RuleBuildException cause) {
            super(cause.getMessage(), cause);
            this.errors = List.copyOf(errors);
        }

        public List<CellError> errors() {
            return errors;
        }
    }

    /** Whether a file of the rules folder is a policy table. */
    public static boolean isTable(String name) {
        return PolicyTables.isTable(name);
    }

    /**
     * The grid of a table as it is now, with its version.
     *
     * @throws RuleEditException when there is no such file, or it is not a table
     * @throws PolicyGrid.NotAGridException when it cannot be edited as a grid
     */
    public Current current(String name) {
        byte[] content = changes.read(name);
        if (!isTable(name)) {
            throw new RuleEditException(
                    RuleEditException.Reason.BAD_NAME,
                    "'" + name + "' is not a policy table (" + String.join(" or ", PolicyTables.EXTENSIONS) + ")");
        }
        return new Current(PolicyGrid.read(name, content), RuleChanges.version(content));
    }

    /** A table's grid and the version of the file it was read from. */
    public record Current(PolicyGrid grid, String version) {}

    /** What a grid's build says, placed on its cells; empty when it builds. */
    public record Check(RuleAdministration.RuleValidation validation, List<CellError> errors) {}

    /** Builds the rules with the grid in place of its table, without changing anything. */
    public Check validate(PolicyGrid grid) {
        PolicyGrid.Written w = grid.write();
        RuleAdministration.RuleValidation v = admin.validate(RuleChanges.Edit.put(grid.file(), w.content()));
        return new Check(v, v.ok() ? List.of() : place(grid, w, v.errors()));
    }

    /**
     * Runs the rule tests with the grid in place of its table.
     *
     * @throws GridRefusedException when it does not build
     */
    public RuleAdministration.RuleTestRun test(PolicyGrid grid) {
        PolicyGrid.Written w = grid.write();
        try {
            return admin.test(RuleChanges.Edit.put(grid.file(), w.content()));
        } catch (RuleBuildException e) {
            throw new GridRefusedException(place(grid, w, e.problems()), e);
        }
    }

    /**
     * Writes the grid as its table, made on {@code version} of it: built, tested, written,
     * reloaded and recorded with who, as any change of a rule file.
     *
     * @throws GridRefusedException when it does not build
     * @throws RuleAdministration.FailingRuleTestsException when rule tests fail and it is not forced
     * @throws RuleEditException when the table is no longer that version
     */
    public RuleAdministration.RuleChangeResult save(PolicyGrid grid, String version, boolean force, String who)
            throws IOException {
        PolicyGrid.Written w = grid.write();
        try {
            return admin.apply(
                    RuleChanges.Edit.put(grid.file(), w.content()).expecting(grid.file(), version),
                    RuleHistory.Action.PUT,
                    force,
                    who);
        } catch (RuleBuildException e) {
            throw new GridRefusedException(place(grid, w, e.problems()), e);
        }
    }

    /**
     * The grid of an uploaded workbook for a table: every worksheet with cells must be a table of
     * the kind the file holds now (a CSV table takes one), with only that kind's columns.
     *
     * @throws WorkbookSheets.RefusedException naming the cell of each problem: not a workbook,
     *     too big, a formula, a wrong column
     */
    public PolicyGrid fromUpload(String name, byte[] xlsx) {
        Current now = current(name);
        if (xlsx != null && xlsx.length > MAX_UPLOAD_BYTES) {
            throw refused(
                    null,
                    "the file has " + String.format("%,d", xlsx.length) + " bytes; a table's workbook may have at most "
                            + String.format("%,d", MAX_UPLOAD_BYTES));
        }
        List<WorkbookSheets.Sheet> sheets = uploads.read(xlsx).stream()
                .filter(s -> s.rows().stream().anyMatch(r -> r.stream().anyMatch(c -> !c.isBlank())))
                .toList();
        List<PolicyGrid.Table> expected =
                now.grid().tables().stream().filter(t -> t.kind() != null).toList();
        if (sheets.isEmpty()) {
            throw refused(null, "the workbook has no cells; download the table, edit it and upload that workbook");
        }
        boolean workbook = PolicyGrid.isWorkbook(name);
        if (!workbook && sheets.size() > 1) {
            throw refused(
                    null,
                    name + " is one table, so the workbook must have one sheet with cells; it has " + sheets.size()
                            + " ("
                            + String.join(
                                    ", ",
                                    sheets.stream()
                                            .map(WorkbookSheets.Sheet::name)
                                            .toList()) + ")");
        }
        PolicyGrid grid;
        try {
            grid = PolicyGrid.of(
                    name,
                    sheets.stream()
                            .map(s -> new PolicyGrid.SheetCells(s.name(), s.rows()))
                            .toList());
        } catch (PolicyGrid.NotAGridException e) {
            String sheet = workbook ? e.sheet() : sheets.get(0).name();
            throw refused(cell(sheet, e.row(), e.column()), e.getMessage());
        }
        List<CellProblem> problems = new ArrayList<>();
        for (int t = 0; t < grid.tables().size(); t++) {
            PolicyGrid.Table table = grid.tables().get(t);
            String sheet = workbook ? table.sheet() : sheets.get(t).name();
            PolicyGrid.Table same = workbook
                    ? expected.stream()
                            .filter(e -> e.sheet().equals(table.sheet()))
                            .findFirst()
                            .orElse(null)
                    : expected.isEmpty() ? null : expected.get(0);
            int titleRow = table.head().size();
            if (same != null && table.kind() != same.kind()) {
                problems.add(new CellProblem(
                        cell(sheet, titleRow, 1),
                        "the title row makes this a " + label(table) + " table, but " + name
                                + (workbook ? " sheet '" + same.sheet() + "'" : "") + " is a " + label(same)
                                + " table (" + titles(same) + ")"));
                continue;
            }
            for (int c = 0; c < table.columns().size(); c++) {
                PolicyGrid.Column col = table.columns().get(c);
                if (!col.known() && !col.title().isEmpty()) {
                    problems.add(new CellProblem(
                            cell(sheet, titleRow, c + 1),
                            "'" + col.title() + "' is not a column of the " + label(table) + " table; its columns are "
                                    + titles(table)));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkbookSheets.RefusedException(problems);
        }
        return grid;
    }

    /**
     * Saves an uploaded workbook as a table, in the table's own format, made on {@code version}
     * of it.
     *
     * @throws WorkbookSheets.RefusedException naming the cell of each problem, the build's too
     */
    public RuleAdministration.RuleChangeResult upload(
            String name, byte[] xlsx, String version, boolean force, String who) throws IOException {
        PolicyGrid grid = fromUpload(name, xlsx);
        try {
            return save(grid, version, force, who);
        } catch (GridRefusedException e) {
            throw new WorkbookSheets.RefusedException(e.errors().stream()
                    .map(x -> new CellProblem(x.where(), x.message()))
                    .toList());
        }
    }

    /** A table's download name: a workbook table's own, a CSV table's with {@code .xlsx} for its ending. */
    public static String workbookName(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        return PolicyGrid.isWorkbook(base) ? base : base.replaceAll("(?i)\\.table\\.csv$", "") + ".xlsx";
    }

    private static String label(PolicyGrid.Table t) {
        return t.kind() == null ? "empty" : t.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String titles(PolicyGrid.Table t) {
        return String.join(
                ", ", t.columns().stream().map(PolicyGrid.Column::title).toList());
    }

    /** {@code Sheet!B3}, {@code Sheet!3} for a whole row, {@code Sheet} for a whole sheet. */
    static String cell(String sheet, int row, int column) {
        String at = row <= 0 ? "" : (column > 0 ? CellReference.convertNumToColString(column - 1) : "") + row;
        return at.isEmpty() ? sheet : sheet + "!" + at;
    }

    private static WorkbookSheets.RefusedException refused(String cell, String message) {
        return new WorkbookSheets.RefusedException(List.of(new CellProblem(cell, message)));
    }

    /** The build's problems placed on the grid: table, data row and column, where possible. */
    static List<CellError> place(PolicyGrid grid, PolicyGrid.Written w, List<BuildProblem> problems) {
        List<CellError> out = new ArrayList<>();
        for (BuildProblem p : problems) {
            if (p.file() == null || !p.file().equals(grid.file())) {
                out.add(new CellError(-1, -1, -1, p.file() == null ? "rules" : p.file() + lineOf(p), p.message()));
                continue;
            }
            String message = p.message();
            int table = 0;
            Matcher m = SHEET_PREFIX.matcher(message);
            if (m.find()) {
                String sheet = m.group(1);
                for (int t = 0; t < grid.tables().size(); t++) {
                    if (sheet.equals(grid.tables().get(t).sheet())) {
                        table = t;
                    }
                }
            }
            if (table >= grid.tables().size()) {
                out.add(new CellError(-1, -1, -1, p.file(), message));
                continue;
            }
            PolicyGrid.Table t = grid.tables().get(table);
            int row = p.line() > 0 ? w.dataRow(table, p.line()) : -1;
            int sourceRow = row >= 0 ? t.rowNumbers().get(row) : p.line();
            String where;
            if (t.sheet() != null) {
                where = cell(t.sheet(), sourceRow, p.column());
            } else {
                where = p.file()
                        + (sourceRow > 0 ? ", row " + sourceRow : "")
                        + (p.column() > 0 ? ", column " + CellReference.convertNumToColString(p.column() - 1) : "");
            }
            out.add(new CellError(table, row, row >= 0 ? p.column() - 1 : -1, where, tail(message)));
        }
        return out;
    }

    private static String lineOf(BuildProblem p) {
        return p.line() > 0 ? ":" + p.line() : "";
    }

    /** A table problem's message without the place it names first ("row 5, column B 'Value': "). */
    static String tail(String message) {
        int colon = message.indexOf(": ");
        String head = colon < 0 ? "" : message.substring(0, colon);
        return head.matches("(sheet '.*', )?(row \\d+)?(, )?(column [A-Z]+( '.*')?)?")
                ? message.substring(colon + 2)
                : message;
    }
}
