package org.candor.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The service's settings, {@code candor.*}.
 *
 * @param reportsDir where evaluation workbooks are written
 * @param maxPosts the most posts one campaign may carry
 * @param maxRequestSize the largest request body or upload
 * @param users the accounts; passwords as {@code {bcrypt}} hashes
 */
@Validated
@ConfigurationProperties("candor")
public record CandorProperties(
        @NotNull Path reportsDir,
        @Positive int maxPosts,
        @NotNull DataSize maxRequestSize,
        List<@Valid User> users) {

    public CandorProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One account. An AGENCY account belongs to exactly one agency. */
    public record User(
            @NotBlank String username,
            @NotBlank String password,
            @NotNull Role role,
            String agency) {}
}
