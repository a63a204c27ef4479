package org.candor.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): titled,
 * versioned with the build, and declaring HTTP Basic so that Swagger UI's "Authorize" signs in
 * with a Candor account.
 */
@Configuration
class ApiDocumentation {

    static final String BASIC_AUTH = "basicAuth";

    @Bean
    OpenAPI candorOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "development" : properties.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title("Candor API")
                        .version(version)
                        .description("Checks influencer-marketing campaigns against codes of ethics: submit a campaign"
                                + " (format v1, JSON or the .xlsx template), read its evaluation and findings,"
                                + " download reports, read and change the rules. Paths are under /api/v1;"
                                + " errors are RFC 9457 problem details. Sign in with HTTP Basic."))
                .components(new Components()
                        .addSecuritySchemes(
                                BASIC_AUTH,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("A Candor account: user name and password.")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
    }
}
