package org.candor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import org.candor.campaign.CampaignSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * What operators and tools read from the running service: the campaign schema (public), the
 * OpenAPI document with its sign-in scheme and the build in /actuator/info.
 */
class OperationsApiTest extends ApiTestSupport {

    @Test
    void theCampaignSchemaIsPublicAndIsTheGeneratedOne() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/schema")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        assertThat(r.getResponse().getContentType()).startsWith("application/schema+json");
        JsonNode schema = mapper.readTree(r.getResponse().getContentAsByteArray());
        assertThat(schema).isEqualTo(mapper.readTree(mapper.writeValueAsString(CampaignSchema.generate())));
        assertThat(schema.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }

    @Test
    void theOpenApiDocumentIsTitledVersionedAndDeclaresBasicAuth() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode doc = mapper.readTree(r.getResponse().getContentAsByteArray());
        assertThat(doc.path("info").path("title").asText()).isEqualTo("Candor API");
        assertThat(doc.path("info").path("version").asText()).isNotBlank().isNotEqualTo("v0");
        JsonNode basic = doc.path("components").path("securitySchemes").path("basicAuth");
        assertThat(basic.path("type").asText()).isEqualTo("http");
        assertThat(basic.path("scheme").asText()).isEqualTo("basic");
        assertThat(doc.path("security").get(0).has("basicAuth")).isTrue();
        JsonNode schemaPath = doc.path("paths").path("/api/v1/schema").path("get");
        assertThat(schemaPath.isMissingNode()).isFalse();
        // the public schema declares that it needs no sign-in
        assertThat(schemaPath.path("security").isArray()).isTrue();
        assertThat(schemaPath.path("security")).isEmpty();
    }

    @Autowired
    ApplicationContext context;

    @Test
    void theSwaggerUiAndThePagesStaticFilesAreServedWithoutAResourceChain() throws Exception {
        // the README's address
        MvcResult documented = mvc.perform(get("/swagger-ui.html")).andReturn();
        assertThat(documented.getResponse().getStatus()).isEqualTo(302);
        assertThat(documented.getResponse().getRedirectedUrl()).endsWith("/swagger-ui/index.html");
        MvcResult ui = mvc.perform(get("/swagger-ui/index.html")).andReturn();
        assertThat(ui.getResponse().getStatus()).isEqualTo(200);
        assertThat(ui.getResponse().getContentAsString()).contains("swagger-initializer.js");
        MvcResult initializer =
                mvc.perform(get("/swagger-ui/swagger-initializer.js")).andReturn();
        assertThat(initializer.getResponse().getStatus()).isEqualTo(200);
        MvcResult css = mvc.perform(get("/css/candor.css")).andReturn();
        assertThat(css.getResponse().getStatus()).isEqualTo(200);
        assertThat(css.getResponse().getContentType()).startsWith("text/css");
        // With Spring's resource chain on (as the Swagger UI's webjar would turn it on), every
        // link of every page was first searched for on the class path as a static file.
        assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
                .extracting(FilterRegistrationBean::getFilter)
                .noneMatch(filter -> filter instanceof ResourceUrlEncodingFilter);
    }

    @Test
    void infoShowsTheBuild() throws Exception {
        MvcResult r = mvc.perform(get("/actuator/info")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        JsonNode build =
                mapper.readTree(r.getResponse().getContentAsByteArray()).path("build");
        assertThat(build.path("artifact").asText()).isEqualTo("candor");
        assertThat(build.path("version").asText()).isNotBlank();
        assertThat(build.path("time").asText()).isNotBlank();
    }
}
