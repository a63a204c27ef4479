package org.candor.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the database can keep what it is given, as health component {@code storage}: every
 * probe writes a row (a closed store, a full disk or a read-only database make it DOWN), and for
 * the embedded database checks that its file is still the one the service opened (a deleted or
 * replaced {@code ./data} makes it DOWN: writes would go to a file nobody will ever open again).
 * Submissions ask {@link #requireWritable()} first and are refused with 503 while the file is gone.
 */
@Component("storage")
public class DatabaseProbe implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(DatabaseProbe.class);

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();
    /** The embedded database's file, or null for a server or an in-memory database. */
    private final Path file;
    /** The file's identity when the service started, when the file system gives one. */
    private final Object fileKey;

    public DatabaseProbe(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.file = embeddedFile(environment.getProperty("spring.datasource.url"));
        this.fileKey = file == null ? null : key(file).orElse(null);
    }

    /**
     * The file behind an embedded H2 URL ({@code jdbc:h2:file:./data/candor;...} or {@code
     * jdbc:h2:./data/candor}): the path with {@code .mv.db}; null for {@code mem:}, {@code tcp:} and
     * {@code ssl:} URLs and other databases.
     */
    static Path embeddedFile(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
            return null;
        }
        String rest = url.substring("jdbc:h2:".length());
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon);
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:")
                || lower.startsWith("tcp:")
                || lower.startsWith("ssl:")
                || lower.startsWith("zip:")) {
            return null;
        }
        if (lower.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        if (rest.startsWith("~")) {
            rest = System.getProperty("user.home") + rest.substring(1);
        }
        return Path.of(rest + ".mv.db").toAbsolutePath().normalize();
    }

    private static Optional<Object> key(Path file) {
        try {
            return Optional.ofNullable(
                    Files.readAttributes(file, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What is wrong with the database file, if anything. */
    Optional<String> fileProblem() {
        if (file == null) {
            return Optional.empty();
        }
        if (!Files.exists(file)) {
            return Optional.of("the database file " + file + " is gone; restore it (or its folder) from a backup"
                    + " and restart the service");
        }
        if (fileKey != null && !Objects.equals(fileKey, key(file).orElse(null))) {
            return Optional.of(
                    "the database file " + file + " was replaced while the service ran; restart the service");
        }
        return Optional.empty();
    }

    /** Refuses a write that the database could not keep. */
    public void requireWritable() {
        Optional<String> problem = fileProblem();
        if (problem.isPresent()) {
            log.error("submission refused: {}", problem.get());
            throw new StorageUnavailableException(problem.get());
        }
    }

    @Override
    public Health health() {
        Optional<String> problem = fileProblem();
        if (problem.isPresent()) {
            return Health.down().withDetail("problem", problem.get()).build();
        }
        try {
            int rows = jdbc.sql("UPDATE health_probe SET checked_at = :now WHERE id = 1")
                    .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                    .update();
            if (rows != 1) {
                return Health.down()
                        .withDetail("problem", "the probe row is missing")
                        .build();
            }
        } catch (RuntimeException e) {
            log.warn("database write probe failed: {}", e.toString());
            return Health.down()
                    .withDetail(
                            "problem",
                            "a write to the database failed: " + e.getClass().getSimpleName())
                    .build();
        }
        Health.Builder up = Health.up().withDetail("write", "ok");
        if (file != null) {
            up.withDetail("file", file.toString());
        }
        return up.build();
    }
}
