package org.candor.report;

import org.candor.evaluation.Verdict;
import org.candor.rules.Severity;

/** The background colours of the reports, as RGB hex. */
enum Fill {
    NONE(null),
    HEADER("D9E1F2"),
    /** A PASS verdict: Excel's "Good" green. */
    PASS("C6EFCE"),
    /** A FAIL verdict: Excel's "Bad" red. */
    FAIL("FFC7CE"),
    /** A row of a FAIL finding: light red. */
    SEVERITY_FAIL("FDE9E7"),
    /** A row of a WARN finding: light amber. */
    SEVERITY_WARN("FFF2CC"),
    /** A row of an INFO finding: light blue. */
    SEVERITY_INFO("DDEBF7");

    private final String rgb;

    Fill(String rgb) {
        this.rgb = rgb;
    }

    /** The colour as six hex digits, upper case; null for no fill. */
    String rgb() {
        return rgb;
    }

    static Fill of(Verdict verdict) {
        if (verdict == null) {
            return NONE;
        }
        return switch (verdict) {
            case PASS -> PASS;
            case FAIL -> FAIL;
        };
    }

    static Fill of(Severity severity) {
        if (severity == null) {
            return NONE;
        }
        return switch (severity) {
            case FAIL -> SEVERITY_FAIL;
            case WARN -> SEVERITY_WARN;
            case INFO -> SEVERITY_INFO;
        };
    }
}
