package org.candor.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.candor.rules.policy.Policy;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieContainer;

/**
 * A built rule set: the knowledge base, the policy read from its decision tables, the catalog
 * read from its rules' metadata, and the content hash that names it. Immutable and thread-safe;
 * evaluations open their own sessions on it.
 *
 * @param hash SHA-256 over the rule files' relative paths and contents
 * @param files the rule files it was built from, relative to the rules folder
 * @param ruleIndex engine rule (package + "/" + name) to its metadata
 * @param contents each rule file's content, by its path relative to the rules folder, so the rule
 *     set can be kept (snapshotted) and compared without reading the folder again; the arrays are
 *     the rule set's own and must not be changed
 */
public record RuleSet(
        String hash,
        List<String> files,
        KieContainer container,
        KieBase kieBase,
        Policy policy,
        List<RuleMeta> catalog,
        Map<String, RuleMeta> ruleIndex,
        Instant builtAt,
        Map<String, byte[]> contents) {

    /** The first twelve characters of the hash, for labels. */
    public String shortHash() {
        return hash.substring(0, 12);
    }

    public Optional<RuleMeta> rule(String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public RuleMeta metaOf(String packageName, String ruleName) {
        return ruleIndex.get(packageName + "/" + ruleName);
    }
}
