package org.candor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.core.impl.InternalRuleBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownClassesTest {

    /** The application's loader, counting what it is asked. */
    static final class Counting extends ClassLoader {
        final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

        Counting() {
            super(KnownClassesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            return super.loadClass(name, resolve);
        }

        int asked(String name) {
            AtomicInteger n = asked.get(name);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void aNameThatIsNoClassIsAskedOfTheApplicationOnceAndRefusedEveryTime() {
        Counting parent = new Counting();
        KnownClasses known = new KnownClasses(parent, 10);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> Class.forName("org.candor.model.posts", false, known))
                    .isInstanceOf(ClassNotFoundException.class)
                    .hasMessageContaining("org.candor.model.posts");
        }
        assertThat(parent.asked("org.candor.model.posts")).isEqualTo(1);
        assertThat(known.remembered()).isEqualTo(1);
    }

    @Test
    void classesThatAreThereAreTheApplicationsOwnEveryTime() throws ClassNotFoundException {
        Counting parent = new Counting();
        KnownClasses known = new KnownClasses(parent, 10);
        assertThat(Class.forName(Severity.class.getName(), false, known)).isSameAs(Severity.class);
        assertThat(known.loadClass("java.lang.String")).isSameAs(String.class);
        assertThat(known.remembered()).isZero();
    }

    @Test
    void pastItsLimitAMissIsAskedAgainAsWithoutIt() {
        Counting parent = new Counting();
        KnownClasses known = new KnownClasses(parent, 2);
        for (String name : new String[] {"a.One", "a.Two", "a.Three", "a.Three"}) {
            assertThatThrownBy(() -> known.loadClass(name)).isInstanceOf(ClassNotFoundException.class);
        }
        assertThatThrownBy(() -> known.loadClass("a.One")).isInstanceOf(ClassNotFoundException.class);
        assertThat(known.remembered()).isEqualTo(2);
        assertThat(parent.asked("a.One")).isEqualTo(1);
        assertThat(parent.asked("a.Three")).isEqualTo(2);
    }

    @Test
    void anUnknownTypeIsRefusedAlikeOnEveryBuild(@TempDir Path rules, @TempDir Path cache) throws IOException {
        RuleSetLoader loader = new RuleSetLoader(RuleSetCache.folderOnly(cache));
        TestPacks.tablesPlus(rules, "unknown-fact.drl");
        List<BuildProblem> first = problems(() -> loader.load(rules));
        Files.writeString(rules.resolve("unknown-fact.drl"), "\n// again\n", StandardOpenOption.APPEND);
        List<BuildProblem> again = problems(() -> loader.load(rules));
        assertThat(first).isNotEmpty().anySatisfy(p -> assertThat(p.message()).contains("NoSuchFact"));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void aTypeThatRuleSetsDeclareIsFoundInEachThoughTheApplicationIsKnownNotToHaveIt(
            @TempDir Path rules, @TempDir Path cache) throws IOException {
        RuleSetLoader loader = new RuleSetLoader(RuleSetCache.folderOnly(cache));
        TestPacks.tablesPlus(rules, "unknown-fact.drl");
        Path drl = rules.resolve("unknown-fact.drl");
        Files.writeString(
                drl, Files.readString(drl).replace("rule \"TEST-004", "declare NoSuchFact\nend\n\nrule \"TEST-004"));
        RuleSet first = loader.load(rules);
        Files.writeString(drl, "\n// another rule set\n", StandardOpenOption.APPEND);
        RuleSet second = loader.load(rules);
        try {
            assertThat(((KnownClasses) KnownClasses.application()).remembers("candor.test.NoSuchFact"))
                    .isTrue();
            assertThat(second.hash()).isNotEqualTo(first.hash());
            for (RuleSet ruleSet : List.of(first, second)) {
                assertThat(ruleSet.rule("TEST-004")).isPresent();
                assertThat(ruleSet.kieBase().getFactType("candor.test", "NoSuchFact"))
                        .isNotNull();
            }
        } finally {
            RuleSetLoader.dispose(first);
            RuleSetLoader.dispose(second);
        }
    }

    private static List<BuildProblem> problems(Runnable build) {
        try {
            build.run();
        } catch (RuleBuildException e) {
            return e.problems();
        }
        throw new AssertionError("the build was not refused");
    }

    @Test
    void aRuleSetBuiltOrTakenFromTheCacheAsksThroughIt(@TempDir Path rules, @TempDir Path cache) {
        TestPacks.tablesPlus(rules, "class-reactive.drl");
        RuleSetLoader loader = new RuleSetLoader(RuleSetCache.folderOnly(cache));
        RuleSet built = loader.load(rules);
        RuleSet cached = loader.load(rules);
        try {
            assertThat(built.container()).as("built, not taken from the cache").isNotNull();
            assertThat(cached.container()).as("taken from the cache").isNull();
            for (RuleSet ruleSet : List.of(built, cached)) {
                ClassLoader root = ((InternalRuleBase) ruleSet.kieBase()).getRootClassLoader();
                assertThat(root.getParent()).isSameAs(KnownClasses.application());
            }
        } finally {
            RuleSetLoader.dispose(built);
            RuleSetLoader.dispose(cached);
        }
    }
}
