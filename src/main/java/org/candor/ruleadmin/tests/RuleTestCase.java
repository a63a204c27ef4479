package org.candor.ruleadmin.tests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.candor.evaluation.Verdict;
import org.candor.rules.Severity;

/**
 * One case of a rule test file: an example campaign and the findings evaluating it must produce.
 *
 * @param name what the case shows, e.g. "paid Instagram post with no disclosure"
 * @param expect the exact set of rule ids of all findings (any severity) the campaign must produce;
 *     empty when it must produce none
 * @param expectVerdict the campaign verdict, when the case states one; null otherwise
 * @param expectSeverity for some expected rule ids, the severity each of that rule's findings must
 *     have; empty when the case states none
 * @param campaign the campaign (format v1): as written in the file, or, for a case written as a
 *     base and a patch, the base with the patch applied; it is read and validated like a submission
 *     when the case runs
 * @param base for a compact case, the base campaign it starts from: a file of the tests folder,
 *     e.g. {@code bases/us-instagram-general.json}; null for a case that writes its campaign out
 * @param patch for a compact case, what it changes of the base, as a JSON Merge Patch (RFC 7386);
 *     null when it changes nothing
 */
public record RuleTestCase(
        String name,
        Set<String> expect,
        Verdict expectVerdict,
        Map<String, Severity> expectSeverity,
        JsonNode campaign,
        String base,
        JsonNode patch) {

    public RuleTestCase {
        if (expect != null && expect.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("'expect' lists null; write rule ids such as \"DISC-001\"");
        }
        if (expectSeverity != null && expectSeverity.values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("'expectSeverity' has a null severity; use FAIL, WARN or INFO");
        }
        expect = expect == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(expect));
        expectSeverity =
                expectSeverity == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(expectSeverity));
    }

    /** A case that writes its campaign out in full. */
    public RuleTestCase(
            String name,
            Set<String> expect,
            Verdict expectVerdict,
            Map<String, Severity> expectSeverity,
            JsonNode campaign) {
        this(name, expect, expectVerdict, expectSeverity, campaign, null, null);
    }

    /** The same case with its campaign as it runs (a compact case's base with its patch applied). */
    RuleTestCase withCampaign(JsonNode merged) {
        return new RuleTestCase(name, expect, expectVerdict, expectSeverity, merged, base, patch);
    }

    /** Whether the case is written as a base campaign and a patch. */
    public boolean compact() {
        return base != null;
    }

    /** Whether the case expects the rule to fire. */
    public boolean fires(String ruleId) {
        return expect.contains(ruleId);
    }
}
