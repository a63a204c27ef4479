package org.candor.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Builds rule folders for tests: the default pack, or its tables plus test files. */
public final class TestPacks {
    public static final Path DEFAULT = Path.of("rules");
    private static final Path FIXTURES = Path.of("src/test/resources/rulesets");

    private TestPacks() {}

    /** The default pack, built once per JVM: building is the slow part of these tests. */
    public static RuleSet defaultPack() {
        return Holder.PACK;
    }

    private static final class Holder {
        static final RuleSet PACK = new RuleSetLoader().load(DEFAULT);
    }

    /** A copy of the default pack in {@code dir}, without its tests folder. */
    public static Path copyOfDefault(Path dir) {
        try (Stream<Path> files = Files.list(DEFAULT)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default pack's policy tables in {@code dir}, plus the named fixture files. */
    public static Path tablesPlus(Path dir, String... fixtures) {
        try (Stream<Path> files = Files.list(DEFAULT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".table.csv")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            for (String fixture : fixtures) {
                Files.copy(FIXTURES.resolve(fixture), dir.resolve(fixture));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
