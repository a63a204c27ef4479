package org.candor.ruleadmin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every rule of the pack has a case file with a case where it fires and one where it does not. */
class RulePackCoverageTest {

    private final RuleTestRunner runner = new RuleTestRunner();

    @Test
    void everyRuleHasACaseWhereItFiresAndOneWhereItDoesNot() {
        SortedSet<String> ids = RuleTestRunner.catalogIds(DefaultPack.ruleSet());
        assertFalse(ids.isEmpty(), "the pack's catalog is empty");
        List<String> gaps = new ArrayList<>();
        for (String id : ids) {
            Path file = DefaultPack.TESTS.resolve(id + ".json");
            if (!Files.isRegularFile(file)) {
                gaps.add(id + ": no case file " + file);
                continue;
            }
            RuleTestFile tests;
            try {
                tests = runner.read(file);
            } catch (RuleTestFileException e) {
                gaps.add(id + ": " + e.getMessage());
                continue;
            }
            if (!id.equals(tests.rule())) {
                gaps.add(id + ": the file says it tests '" + tests.rule() + "'");
            }
            if (!tests.firingIds().contains(id)) {
                gaps.add(id + ": no case where it fires");
            }
            if (!tests.nonFiringIds().contains(id)) {
                gaps.add(id + ": no case where it does not fire");
            }
        }
        assertTrue(gaps.isEmpty(), "rules without full coverage:\n" + String.join("\n", gaps));
    }

    @Test
    void everyCaseFileIsAboutARuleOfThePack() throws IOException {
        SortedSet<String> ids = RuleTestRunner.catalogIds(DefaultPack.ruleSet());
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.list(DefaultPack.TESTS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
                if (!ids.contains(stem)) {
                    strays.add(file.getFileName().toString());
                }
            }
        }
        assertEquals(List.of(), strays, "case files named after no rule of the pack");
    }

    @Test
    void everyCampaignIsJudgedAsOfAFixedMoment() throws IOException {
        List<String> undated = new ArrayList<>();
        try (Stream<Path> files = Files.list(DefaultPack.TESTS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (RuleTestCase c : runner.read(file).cases()) {
                    if (!c.campaign().path("submittedAt").isTextual()) {
                        undated.add(file.getFileName() + " \u2014 " + c.name());
                    }
                }
            }
        }
        assertEquals(List.of(), undated, "cases without submittedAt give answers that change with the date");
    }
}
