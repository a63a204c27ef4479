package org.candor.rules.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.candor.rules.BuildProblem;
import org.candor.rules.RuleBuildException;
import org.candor.rules.RuleSetLoader;
import org.candor.rules.TestPacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every payload of {@code src/test/resources/guard}: a rule file that would run code of its own
 * on the server (a command, a file, reflection, the JVM's exit, an endless loop), added to the
 * default pack. Each is refused before anything is compiled, with its file, line and the construct
 * named (the file's first line says which), and the marker file it would create never appears.
 * The payloads sit in the policy package and flow group, whose rows the loader runs while it
 * builds: without the check, building alone would run them.
 */
class RuleGuardPayloadTest {

    private static final Path PAYLOADS = Path.of("src/test/resources/guard");

    @TempDir
    Path tmp;

    static Stream<String> payloads() throws IOException {
        try (Stream<Path> files = Files.list(PAYLOADS)) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".drl"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void isRefusedBeforeAnyOfItRuns(String payload) throws IOException {
        Path marker = tmp.resolve("marker");
        String text = Files.readString(PAYLOADS.resolve(payload)).replace("@MARKER@", marker.toString());
        String expected =
                text.lines().findFirst().orElseThrow().replace("// expect:", "").strip();
        Map<String, byte[]> files = new TreeMap<>(RuleSetLoader.readFolder(TestPacks.DEFAULT));
        files.put("payload/" + payload, text.getBytes(StandardCharsets.UTF_8));

        RuleBuildException refused =
                catchThrowableOfType(RuleBuildException.class, () -> new RuleSetLoader().build(files));

        assertThat(refused).as("the build of %s is refused", payload).isNotNull();
        assertThat(refused.problems())
                .as("the refusal names the file, a line and %s", expected)
                .anySatisfy(p -> {
                    assertThat(p.file()).isEqualTo("payload/" + payload);
                    assertThat(p.line()).isPositive();
                    assertThat(p.message()).contains(expected).contains("refused");
                });
        assertThat(refused.problems()).extracting(BuildProblem::file).containsOnly("payload/" + payload);
        assertThat(marker).doesNotExist();
    }

    @Test
    void aDataCellOfAPolicyTableCannotCarryCode() throws IOException {
        Path marker = tmp.resolve("marker");
        String table =
                Files.readString(PAYLOADS.resolve("tables/thresholds.drl.csv")).replace("@MARKER@", marker.toString());
        Map<String, byte[]> files = new TreeMap<>(RuleSetLoader.readFolder(TestPacks.DEFAULT));
        files.put("payload/thresholds.drl.csv", table.getBytes(StandardCharsets.UTF_8));

        System.setProperty("M", marker.toString());
        RuleBuildException refused;
        try {
            refused = catchThrowableOfType(RuleBuildException.class, () -> new RuleSetLoader().build(files));
        } finally {
            System.clearProperty("M");
        }

        assertThat(refused).isNotNull();
        assertThat(refused.problems()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("payload/thresholds.drl.csv");
            assertThat(p.message()).contains("java.io.File").contains("refused");
        });
        assertThat(marker).doesNotExist();
    }
}
