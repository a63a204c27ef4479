package org.candor.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void textThatFitsTakesOneLine() {
        assertThat(Cells.lines("twelve chars", 12)).isEqualTo(1);
        assertThat(Cells.lines("", 10)).isEqualTo(1);
        assertThat(Cells.lines(null, 10)).isEqualTo(1);
    }

    @Test
    void wordsWrapAtSpacesAWordThatDoesNotFitStartsTheNextLine() {
        // "aaaa bbbb" fills 9 of 10; " cccc" would make 14, so it starts line 2, and "dd" joins it.
        assertThat(Cells.lines("aaaa bbbb cccc dd", 10)).isEqualTo(2);
        assertThat(Cells.lines("aaaa bbbb cccc ddddd eeeee", 10)).isEqualTo(3);
        assertThat(Cells.lines("a  b", 3))
                .as("runs of spaces do not make lines")
                .isEqualTo(1);
    }

    @Test
    void aWordLongerThanALineIsBrokenAcrossLines() {
        assertThat(Cells.lines("x".repeat(25), 10)).isEqualTo(3);
        assertThat(Cells.lines("ab " + "x".repeat(25), 10)).isEqualTo(4);
        assertThat(Cells.lines("x".repeat(25) + " yy", 10))
                .as("yy joins the last 5")
                .isEqualTo(3);
    }

    @Test
    void everyLineOfTheTextCountsEmptyOnesToo() {
        assertThat(Cells.lines("one\ntwo\n\nfour", 40)).isEqualTo(4);
        assertThat(Cells.lines("x".repeat(15) + "\nshort", 10)).isEqualTo(3);
    }

    @Test
    void aWidthBelowOneCountsAsOne() {
        assertThat(Cells.lines("abc", 0)).isEqualTo(3);
    }

    @Test
    void spreadsheetDatesRunFrom1900To9999() {
        assertThat(Cells.isSpreadsheetDate(LocalDate.parse("1900-01-01"))).isTrue();
        assertThat(Cells.isSpreadsheetDate(LocalDate.parse("9999-12-31"))).isTrue();
        assertThat(Cells.isSpreadsheetDate(LocalDate.parse("1899-12-31"))).isFalse();
        assertThat(Cells.isSpreadsheetDate(LocalDate.of(10_000, 1, 1))).isFalse();
    }
}
