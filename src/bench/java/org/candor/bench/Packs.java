package org.candor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The rule packs the benchmarks run: the default pack, and the subset the plain-Java baseline implements. */
public final class Packs {

    /** The rules the plain-Java baseline implements. */
    public static final Set<String> SUBSET = Set.of("DISC-001", "DISC-002", "DISC-003", "DISC-004", "CLAIM-001", "CLAIM-006");

    private static final Pattern ID = Pattern.compile("@id\\(\"([^\"]+)\"\\)");

    private Packs() {}

    /** The default pack: {@code rules/} of the working directory, or {@code -Dcandor.bench.rules}. */
    public static Path defaultPack() {
        return Path.of(System.getProperty("candor.bench.rules", "rules")).toAbsolutePath();
    }

    /** A temporary folder holding a copy of the default pack's files, to be edited by a benchmark. */
    public static Path defaultPackCopy() {
        try {
            Path dir = Files.createTempDirectory("candor-pack");
            try (Stream<Path> files = Files.list(defaultPack())) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A temporary folder with the policy tables of the default pack and its DRL files cut down to
     * the subset's rules (package, imports, globals and functions kept), untouched otherwise.
     */
    public static Path subsetPack() {
        try {
            Path dir = Files.createTempDirectory("candor-subset");
            try (Stream<Path> files = Files.list(defaultPack())) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".table.csv") || name.endsWith(".table.xlsx")) {
                        Files.copy(f, dir.resolve(name));
                    } else if (name.endsWith(".drl")) {
                        String kept = keepRules(Files.readString(f), SUBSET);
                        if (kept != null) {
                            Files.writeString(dir.resolve(name), kept);
                        }
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The DRL with only the rules whose {@code @id} is wanted; null when none is. */
    static String keepRules(String drl, Set<String> wanted) {
        String[] lines = drl.split("\n", -1);
        StringBuilder out = new StringBuilder();
        List<String> rule = null;
        boolean any = false;
        for (String line : lines) {
            if (rule == null && line.startsWith("rule ")) {
                rule = new ArrayList<>();
            }
            if (rule != null) {
                rule.add(line);
                if (line.strip().equals("end")) {
                    String block = String.join("\n", rule);
                    Matcher m = ID.matcher(block);
                    if (m.find() && wanted.contains(m.group(1))) {
                        out.append(block).append('\n');
                        any = true;
                    }
                    rule = null;
                }
            } else {
                out.append(line).append('\n');
            }
        }
        return any ? out.toString() : null;
    }
}
