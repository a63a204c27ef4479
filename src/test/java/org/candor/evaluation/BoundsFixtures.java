package org.candor.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.candor.rules.TestPacks;

/** Rule packs and campaigns that push an evaluation against its bounds. */
public final class BoundsFixtures {
    private static final Path PACKS = Path.of("src/test/resources/rulesets/bounds");
    private static final Path SPEC_EXAMPLE = Path.of("src/test/resources/campaigns/spec-example.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BoundsFixtures() {}

    /**
     * A rules folder in {@code dir}: the default pack's policy tables (every file of {@code rules/}
     * but its DRL) and, as the only rules, the named file of {@code rulesets/bounds}.
     */
    public static Path pack(Path dir, String drl) {
        try (Stream<Path> files = Files.list(TestPacks.DEFAULT)) {
            Files.createDirectories(dir);
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".drl"))
                    .toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
            Files.copy(PACKS.resolve(drl), dir.resolve(drl));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code tests/LOAD-001.json} in a rules folder: one case, a campaign of {@code posts}
     * posts expected to produce LOAD-001.
     */
    public static Path loadCase(Path rulesDir, int posts) {
        try {
            ObjectNode file = JSON.createObjectNode();
            file.put("rule", "LOAD-001");
            ObjectNode c = file.putArray("cases").addObject();
            c.put("name", posts + " posts");
            c.putArray("expect").add("LOAD-001");
            c.set("campaign", JSON.readTree(campaignWithPosts(posts)));
            Path tests = Files.createDirectories(rulesDir.resolve("tests"));
            return Files.write(tests.resolve("LOAD-001.json"), JSON.writeValueAsBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SPEC example campaign with its post repeated {@code posts} times (ids p1, p2, ...), as JSON. */
    public static byte[] campaignWithPosts(int posts) {
        try {
            ObjectNode campaign = (ObjectNode) JSON.readTree(SPEC_EXAMPLE.toFile());
            JsonNode post = campaign.get("posts").get(0);
            ArrayNode all = campaign.putArray("posts");
            for (int i = 1; i <= posts; i++) {
                ObjectNode copy = post.deepCopy();
                copy.put("id", "p" + i);
                all.add(copy);
            }
            return JSON.writeValueAsBytes(campaign);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
