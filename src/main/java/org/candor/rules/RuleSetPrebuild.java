package org.candor.rules;

import java.nio.file.Path;

/**
 * Builds a rules folder into a folder of cache entries; run while the jar is packaged, so that the
 * default pack is in the jar already built ({@link RuleSetCache#BUNDLED}):
 * {@code RuleSetPrebuild rules target/classes/META-INF/candor/rule-sets}. The pack is held against
 * the guard and built exactly as at run time; a pack that does not build fails the packaging.
 */
public final class RuleSetPrebuild {

    private RuleSetPrebuild() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: RuleSetPrebuild RULES_DIR OUT_DIR");
            System.exit(2);
        }
        EngineLogs.quiet();
        RuleSetCache cache = RuleSetCache.folderOnly(Path.of(args[1]));
        RuleSet ruleSet = new RuleSetLoader(cache).load(Path.of(args[0]));
        System.out.println(
                "rule set " + ruleSet.hash() + " (" + ruleSet.catalog().size() + " rules) built into " + args[1]);
        RuleSetLoader.dispose(ruleSet);
    }
}
