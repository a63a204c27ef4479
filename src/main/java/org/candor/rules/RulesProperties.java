package org.candor.rules;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the rules are, {@code candor.rules-dir}.
 *
 * @param rulesDir the rules folder the service loads
 */
@Validated
@ConfigurationProperties("candor")
public record RulesProperties(@NotNull Path rulesDir) {}
