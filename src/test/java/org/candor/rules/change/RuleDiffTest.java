package org.candor.rules.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.candor.rules.change.RuleDiff.ChangeKind;
import org.candor.rules.change.RuleDiff.FileDiff;
import org.junit.jupiter.api.Test;

/** What changed between two sets of rule files, as an officer reads it. */
class RuleDiffTest {

    private static Map<String, byte[]> files(String... namesAndContents) {
        Map<String, byte[]> files = new TreeMap<>();
        for (int i = 0; i < namesAndContents.length; i += 2) {
            files.put(namesAndContents[i], namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    @Test
    void aDrlChangeIsAUnifiedDiff() {
        String before = Fixtures.read(Fixtures.RULES.resolve("disclosure.drl"));
        String after = before.replace("@title(\"No disclosure\")", "@title(\"No disclosure at all\")");
        RuleDiff diff = RuleDiff.between(files("disclosure.drl", before), files("disclosure.drl", after));

        assertThat(diff.catalog()).as("not built, so no catalog").isNull();
        FileDiff f = diff.files().get(0);
        assertThat(diff.files()).hasSize(1);
        assertThat(f.file()).isEqualTo("disclosure.drl");
        assertThat(f.change()).isEqualTo(ChangeKind.CHANGED);
        assertThat(f.cells()).isEmpty();
        assertThat(f.text().lines())
                .startsWith("--- a/disclosure.drl", "+++ b/disclosure.drl")
                .contains("-    @title(\"No disclosure\")", "+    @title(\"No disclosure at all\")")
                .anyMatch(l -> l.startsWith("@@ -"));
    }

    @Test
    void aCsvTableChangeListsTheCellsThatChanged() {
        String before = Fixtures.read(Fixtures.RULES.resolve("thresholds.table.csv"));
        String after = Fixtures.withThreshold(before, "BURIED_HASHTAG_RUN", "4");
        after = Fixtures.withThreshold(after, "AUDIENCE_OVERCLAIM_PCT", "12");
        RuleDiff diff = RuleDiff.between(files("thresholds.table.csv", before), files("thresholds.table.csv", after));

        FileDiff f = diff.files().get(0);
        assertThat(f.text()).isNull();
        assertThat(f.cells())
                .map(Object::toString)
                .containsExactly("thresholds.table.csv!B3: '10' → '12'", "thresholds.table.csv!B10: '3' → '4'");
        assertThat(diff.lines())
                .containsExactly(
                        "changed thresholds.table.csv",
                        "    thresholds.table.csv!B3: '10' → '12'",
                        "    thresholds.table.csv!B10: '3' → '4'");
    }

    @Test
    void csvCellsAreReadWithTheirQuotesCommasAndLineBreaks() {
        String before =
                "\"Term\",\"Why\"\r\n\"ad, or advert\",\"says \"\"ad\"\"\"\r\n\"x\",\"two\nlines\"\r\n\"last\",\"\"\r\n";
        String after =
                "Term,Why\n\"ad, or advert\",\"says \"\"advert\"\"\"\n\"x\",\"two\nlines\"\nlast,\"kept, now\"\n";
        RuleDiff diff = RuleDiff.between(files("t.table.csv", before), files("t.table.csv", after));
        assertThat(diff.files().get(0).cells())
                .map(Object::toString)
                .containsExactly(
                        "t.table.csv!B2: 'says \"ad\"' → 'says \"advert\"'", "t.table.csv!B4: '' → 'kept, now'");
    }

    @Test
    void aTableRewrittenWithOtherQuotesOnlyIsSaidToHaveNoCellChanged() {
        RuleDiff diff = RuleDiff.between(files("t.table.csv", "\"a\",\"b\"\n"), files("t.table.csv", "a,b\r\n"));
        assertThat(diff.files().get(0).cells()).isEmpty();
        assertThat(diff.files().get(0).note()).contains("no cell changed");
    }

    @Test
    void aWorkbookTableChangeNamesTheSheetAndCell() throws IOException {
        byte[] before = workbook("10");
        byte[] after = workbook("12");
        Map<String, byte[]> a = new TreeMap<>(Map.of("limits.drl.xlsx", before));
        Map<String, byte[]> b = new TreeMap<>(Map.of("limits.drl.xlsx", after));
        RuleDiff diff = RuleDiff.between(a, b);
        assertThat(diff.files().get(0).cells())
                .map(Object::toString)
                .containsExactly("limits.drl.xlsx!Limits!B2: '10' → '12'");
    }

    @Test
    void addedAndRemovedFilesAreNamed() {
        RuleDiff diff = RuleDiff.between(
                files("a.drl", "rule a", "same.drl", "same", "old.table.csv", "x"),
                files("same.drl", "same", "b.drl", "rule b", "new.table.csv", "y"));
        assertThat(diff.files())
                .extracting(FileDiff::file, FileDiff::change)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.drl", ChangeKind.REMOVED),
                        org.assertj.core.groups.Tuple.tuple("b.drl", ChangeKind.ADDED),
                        org.assertj.core.groups.Tuple.tuple("new.table.csv", ChangeKind.ADDED),
                        org.assertj.core.groups.Tuple.tuple("old.table.csv", ChangeKind.REMOVED));
        assertThat(diff.fileNames()).doesNotContain("same.drl");
        assertThat(RuleDiff.between(files("same.drl", "same"), files("same.drl", "same"))
                        .isEmpty())
                .isTrue();
    }

    private static byte[] workbook(String value) throws IOException {
        try (Workbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("Limits");
            s.createRow(0).createCell(0).setCellValue("Threshold");
            s.getRow(0).createCell(1).setCellValue("Value");
            s.createRow(1).createCell(0).setCellValue("BURIED_HASHTAG_RUN");
            s.getRow(1).createCell(1).setCellValue(Double.parseDouble(value));
            wb.write(out);
            return out.toByteArray();
        }
    }
}
