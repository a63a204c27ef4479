package org.candor.rules.change;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Rule folders for the lifecycle tests, always copies: the repository's rules/ is never written. */
public final class Fixtures {
    static final Path RULES = Path.of("rules");
    static final Path RESOURCES = Path.of("src/test/resources/lifecycle");

    private Fixtures() {}

    /** A copy of the default pack, its tests folder included, in {@code dir}. */
    public static Path copyOfRules(Path dir) {
        try (Stream<Path> walk = Files.walk(RULES)) {
            for (Path p : walk.toList()) {
                Path target = dir.resolve(RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A small pack that builds fast: the thresholds and caption folds tables, one clear term and
     * the claims rules, with the rule tests of CLAIM-001 (which a threshold can make fail).
     */
    static Path smallPack(Path dir) {
        try {
            Files.createDirectories(dir.resolve("tests/bases"));
            for (String f :
                    List.of("thresholds.table.csv", "caption-folds.table.csv", "claims.drl", "tests/CLAIM-001.json")) {
                Files.copy(RULES.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
            // The base campaigns its compact cases start from.
            try (Stream<Path> bases = Files.list(RULES.resolve("tests/bases"))) {
                for (Path b : bases.toList()) {
                    Files.copy(
                            b,
                            dir.resolve("tests/bases").resolve(b.getFileName()),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.copy(
                    Path.of("src/test/resources/rulesets/one-term.table.csv"),
                    dir.resolve("one-term.table.csv"),
                    StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test file of {@code src/test/resources/lifecycle}. */
    static byte[] resource(String name) {
        try {
            return Files.readAllBytes(RESOURCES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The thresholds table with one value changed. */
    static String withThreshold(String table, String name, String value) {
        String changed = table.replaceAll("\"" + name + "\",\"[^\"]*\"", "\"" + name + "\",\"" + value + "\"");
        if (changed.equals(table)) {
            throw new IllegalArgumentException("no threshold " + name + " to change");
        }
        return changed;
    }
}
