package org.candor.ruleadmin.tests;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of one case. A case file that cannot be read, or a case whose campaign is not a valid
 * submission, is a failed result too, with what is wrong in {@code detail}.
 *
 * @param file the case file, relative to the tests folder, e.g. {@code DISC-001.json}
 * @param name the case's name; {@code (file)} for a problem with the file as a whole
 * @param expected the rule ids the case expects (empty when it could not be read)
 * @param actual the rule ids of the findings evaluation produced (empty when it did not run)
 * @param detail for a failure, what went wrong: missing and unexpected rule ids with the
 *     unexpected findings' messages, a wrong severity or verdict, or why the case could not run
 * @param campaign for a failed case written as a base and a patch, the campaign it ran: the base
 *     with the patch applied; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaseResult(
        String file,
        String name,
        Set<String> expected,
        Set<String> actual,
        boolean passed,
        String detail,
        JsonNode campaign) {

    public CaseResult {
        expected = Collections.unmodifiableSortedSet(new TreeSet<>(expected));
        actual = Collections.unmodifiableSortedSet(new TreeSet<>(actual));
    }

    public CaseResult(
            String file, String name, Set<String> expected, Set<String> actual, boolean passed, String detail) {
        this(file, name, expected, actual, passed, detail, null);
    }

    /** The same result with the campaign the case ran, to show with its failure. */
    CaseResult withCampaign(JsonNode merged) {
        return new CaseResult(file, name, expected, actual, passed, detail, merged);
    }

    /** "DISC-001.json — paid post with no disclosure". */
    public String displayName() {
        return file + " \u2014 " + name;
    }
}
