package org.candor.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.candor.rules.change.Fixtures;
import org.candor.support.H2;
import org.candor.support.ServiceTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service for the web page tests: demo users, an in-memory database, and a copy of the
 * default rules (their tests too) in a temporary folder with the file watcher off, so an officer's
 * edit never touches the repository's {@code rules/}. Every web test class extends this one and
 * declares nothing of its own, so they all share one Spring context.
 */
@ServiceTest
abstract class WebTestSupport {

    /** One copy of the rules for the shared context, removed when the JVM ends. */
    static final Path RULES = rulesCopy();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        H2.register(registry);
        registry.add("candor.rules-dir", RULES::toString);
        registry.add("candor.rules-watch.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static Path rulesCopy() {
        try {
            Path root = Files.createTempDirectory("candor-web-rules");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
            return Fixtures.copyOfRules(root.resolve("rules"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind is harmless.
        }
    }
}
