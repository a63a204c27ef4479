package org.candor.cli.output;

import java.util.function.Supplier;

/** The formats {@code candor check --format} writes on standard output or to {@code --output}. */
public enum OutputFormat {
    /** One line per campaign, then its findings, for a person at a terminal. */
    TEXT(TextRenderer::new),
    /** One object: the rule set, the results (always a list, for one campaign or many), the rejected inputs. */
    JSON(JsonRenderer::new),
    /** SARIF 2.1.0, for code-scanning dashboards: the catalog as rules, findings at post ids and JSON paths. */
    SARIF(SarifRenderer::new),
    /** JUnit XML: a test suite per campaign, a test case per rule and subject. */
    JUNIT(JUnitRenderer::new),
    /** CSV: a row per finding (a campaign without findings gets one row with its verdict). */
    CSV(CsvRenderer::new);

    private final Supplier<Renderer> renderer;

    OutputFormat(Supplier<Renderer> renderer) {
        this.renderer = renderer;
    }

    public Renderer renderer() {
        return renderer.get();
    }
}
