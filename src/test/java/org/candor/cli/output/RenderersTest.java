package org.candor.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the renderers do to text that their formats cannot carry as it is. */
class RenderersTest {

    @Test
    void csvCellsThatASpreadsheetWouldRunAsFormulasArePlainText() {
        assertThat(CsvRenderer.neutralise("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvRenderer.neutralise("+1")).isEqualTo("'+1");
        assertThat(CsvRenderer.neutralise("-1")).isEqualTo("'-1");
        assertThat(CsvRenderer.neutralise("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvRenderer.neutralise("#ad first")).isEqualTo("#ad first");
        assertThat(CsvRenderer.neutralise(null)).isEmpty();
    }

    @Test
    void junitTextDropsCharactersXmlCannotCarry() {
        assertThat(JUnitRenderer.clean("a\u0000b\u0007c\td\ne")).isEqualTo("a\uFFFDb\uFFFDc\td\ne");
        assertThat(JUnitRenderer.clean("lone \uD800 surrogate")).isEqualTo("lone \uFFFD surrogate");
        assertThat(JUnitRenderer.clean("emoji \uD83D\uDE00")).isEqualTo("emoji \uD83D\uDE00");
    }

    @Test
    void sarifNamesAndUris() {
        assertThat(SarifRenderer.name("Disclosure below the fold")).isEqualTo("DisclosureBelowTheFold");
        assertThat(SarifRenderer.uri("campaigns\\a b#1.json")).isEqualTo("campaigns/a%20b%231.json");
        assertThat(SarifRenderer.uri("examples/brücke.json")).isEqualTo("examples/br%C3%BCcke.json");
    }
}
