package org.candor.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A policy table as a grid: read from its file with its notes and title rows kept, its columns
 * typed (closed sets offer their values), written back in the file's own format unchanged when
 * nothing changed, and as a workbook that reads back to the same cells.
 */
class PolicyGridTest {

    private static final Path RULES = Path.of("rules");

    static List<Path> defaultTables() throws IOException {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.filter(p -> PolicyTables.isTable(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyDefaultTableWritesBackAsItWas() throws IOException {
        List<Path> tables = defaultTables();
        assertThat(tables).hasSizeGreaterThanOrEqualTo(4);
        for (Path p : tables) {
            byte[] content = Files.readAllBytes(p);
            PolicyGrid grid = PolicyGrid.read(p.getFileName().toString(), content);
            assertThat(new String(grid.write().content(), StandardCharsets.UTF_8))
                    .as(p.toString())
                    .as("the same rows; the last ends in a line break")
                    .isEqualTo(new String(content, StandardCharsets.UTF_8).stripTrailing() + "\n");
        }
    }

    @Test
    void aTableKeepsItsNotesAndTypesItsColumns() throws IOException {
        PolicyGrid grid = PolicyGrid.read(
                "disclosure-terms.table.csv", Files.readAllBytes(RULES.resolve("disclosure-terms.table.csv")));
        PolicyGrid.Table t = grid.tables().get(0);
        assertThat(t.kind()).isEqualTo(TableKind.TERMS);
        assertThat(t.notes()).singleElement().asString().startsWith("Disclosure terms and labels");
        assertThat(t.columns())
                .extracting(PolicyGrid.Column::title)
                .containsExactly("Term", "Meaning", "Language", "Jurisdiction", "Why");
        assertThat(t.columns().get(1).choices())
                .contains("CLEAR", "VAGUE", "NEGATION")
                .doesNotContain("");
        assertThat(t.columns().get(0).choices()).as("terms are open text").isEmpty();
        assertThat(t.columns().get(2).suggestions()).contains("en", "*");
        assertThat(t.rows().get(0))
                .containsExactly("ad", "CLEAR", "en", "", t.rows().get(0).get(4));
        assertThat(t.rowNumbers().get(0)).isEqualTo(3);
    }

    @Test
    void changedRowsAreWrittenWithTheLineEachStartsOn() {
        String csv = "\"Notes\",\"Keep me\"\n\"Threshold\",\"Value\",\"What it means\"\n\"A\",\"1\",\"one\"\n";
        PolicyGrid grid = PolicyGrid.read("t.table.csv", csv.getBytes(StandardCharsets.UTF_8));
        List<List<String>> rows = new ArrayList<>(grid.tables().get(0).rows());
        rows.add(List.of("B", "2", "two\nlines"));
        rows.add(List.of("", "", ""));
        rows.add(List.of("C", "ten", ""));
        PolicyGrid.Written w = grid.withRows(0, rows).write();
        assertThat(new String(w.content(), StandardCharsets.UTF_8))
                .isEqualTo("\"Notes\",\"Keep me\"\n\"Threshold\",\"Value\",\"What it means\"\n\"A\",\"1\",\"one\"\n"
                        + "\"B\",\"2\",\"two\nlines\"\n\"C\",\"ten\",\n");
        assertThat(w.rowNumbers().get(0)).as("the blank row is left out").containsExactly(3, 4, 6);
        assertThat(w.dataRow(0, 6)).isEqualTo(2);
        assertThat(w.dataRow(0, 2)).as("the title row is no data row").isEqualTo(-1);

        // The same validation as the rules' build names the line of the bad cell.
        PolicyException e = catchThrowableOfType(
                PolicyException.class, () -> PolicyTables.read(Map.of("t.table.csv", w.content())));
        assertThat(e.details())
                .filteredOn(p -> p.origin().row() > 0)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.origin().row()).isEqualTo(6);
                    assertThat(p.column()).isEqualTo(2);
                });
    }

    @Test
    void aTableAsAWorkbookReadsBackToTheSameCellsWithDropdownsForClosedSets() throws IOException {
        byte[] csv = Files.readAllBytes(RULES.resolve("caption-folds.table.csv"));
        PolicyGrid grid = PolicyGrid.read("caption-folds.table.csv", csv);
        byte[] xlsx = grid.workbook();

        PolicyGrid back = PolicyGrid.read("caption-folds.table.xlsx", xlsx);
        assertThat(back.tables()).singleElement().satisfies(t -> {
            assertThat(t.sheet()).isEqualTo("caption-folds");
            assertThat(t.head()).isEqualTo(grid.tables().get(0).head());
            assertThat(t.rows()).isEqualTo(grid.tables().get(0).rows());
        });
        assertThat(PolicyGrid.of(
                                "caption-folds.table.csv",
                                List.of(new PolicyGrid.SheetCells(
                                        null,
                                        PolicyTables.workbook(xlsx).get(0).rows().stream()
                                                .map(PolicyTables.RawRow::cells)
                                                .toList())))
                        .write()
                        .content())
                .as("written back as CSV, it is the file it came from")
                .isEqualTo(csv);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(2).getCell(2).getCellType())
                    .as("a count is a number")
                    .isEqualTo(CellType.NUMERIC);
            assertThat(sheet.getRow(2).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).isEqualTo((short) 2);
            List<? extends DataValidation> validations = sheet.getDataValidations();
            assertThat(validations)
                    .extracting(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn())
                    .containsExactlyInAnyOrder(0, 1);
            assertThat(validations)
                    .filteredOn(v -> v.getRegions().getCellRangeAddress(0).getFirstColumn() == 0)
                    .singleElement()
                    .satisfies(v -> assertThat(v.getValidationConstraint().getExplicitListValues())
                            .contains("INSTAGRAM", "TIKTOK"));
        }
    }

    @Test
    void aSheetWithoutATitleRowIsNoGrid() {
        byte[] csv = "\"Notes\",\"x\"\n\"Colour\",\"Value\"\n\"red\",\"1\"\n".getBytes(StandardCharsets.UTF_8);
        PolicyGrid.NotAGridException e =
                catchThrowableOfType(PolicyGrid.NotAGridException.class, () -> PolicyGrid.read("t.table.csv", csv));
        assertThat(e.row()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(1);
        assertThat(e.getMessage()).contains("'Colour' does not start a title row");
    }

    @Test
    void aValueRightOfTheTitlesGetsAColumnOfItsOwnSoItIsNotLost() {
        byte[] csv = "\"Threshold\",\"Value\"\n\"A\",\"1\",\"stray\"\n".getBytes(StandardCharsets.UTF_8);
        PolicyGrid.Table t = PolicyGrid.read("t.table.csv", csv).tables().get(0);
        assertThat(t.columns()).hasSize(3);
        assertThat(t.columns().get(2).known()).isFalse();
        assertThat(t.rows().get(0)).containsExactly("A", "1", "stray");
    }
}
