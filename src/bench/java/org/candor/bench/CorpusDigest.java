package org.candor.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.candor.campaign.Campaign;
import org.candor.evaluation.EvaluationResult;
import org.candor.evaluation.Evaluator;
import org.candor.rules.RuleSet;
import org.candor.rules.RuleSetLoader;

/**
 * Judges the benchmark corpus with the default pack and prints a SHA-256 of every result (findings,
 * messages, evidence, verdicts, checks), at a fixed clock. A change that is meant to make
 * evaluation faster without changing what it finds must leave the digest as it was.
 */
public final class CorpusDigest {

    private CorpusDigest() {}

    public static void main(String[] args) throws Exception {
        RuleSet ruleSet = new RuleSetLoader().load(Packs.defaultPack());
        List<Campaign> corpus = CorpusGenerator.standard();
        Evaluator evaluator = new Evaluator(Clock.fixed(Instant.parse("2026-10-02T00:00:00Z"), ZoneOffset.UTC));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        // The same without the rule-set hash, which changes with any byte or name of a rule file:
        // a change of the files' form (a table renamed, a comment) must leave this one as it was.
        MessageDigest withoutHash = MessageDigest.getInstance("SHA-256");
        int findings = 0;
        for (Campaign c : corpus) {
            EvaluationResult r = evaluator.evaluate(c, ruleSet);
            findings += r.findings().size();
            sha.update(r.toString().getBytes(StandardCharsets.UTF_8));
            withoutHash.update(
                    r.toString().replace(ruleSet.hash(), "").getBytes(StandardCharsets.UTF_8));
        }
        RuleSetLoader.dispose(ruleSet);
        System.out.println("corpus digest: " + corpus.size() + " campaigns, " + findings + " findings, sha256 "
                + HexFormat.of().formatHex(sha.digest()) + "; without the rule-set hash, sha256 "
                + HexFormat.of().formatHex(withoutHash.digest()));
    }
}
