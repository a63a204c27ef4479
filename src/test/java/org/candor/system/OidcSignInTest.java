package org.candor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.candor.support.H2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * OpenID Connect as the production sign-in, with no configured users and no demo profile: the API
 * takes the provider's signed access tokens, the pages send the browser to the provider, and role
 * and agency come from the claims.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "candor.reports-dir=${java.io.tmpdir}/candor-test-reports",
            "spring.security.oauth2.client.registration.idp.client-id=candor",
            "spring.security.oauth2.client.registration.idp.client-secret=candor-secret",
            "spring.security.oauth2.client.registration.idp.client-name=Example ID",
            "spring.security.oauth2.client.registration.idp.authorization-grant-type=authorization_code",
            "spring.security.oauth2.client.registration.idp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
            "spring.security.oauth2.client.registration.idp.scope=openid,profile",
            "spring.security.oauth2.client.provider.idp.authorization-uri=https://id.example.test/authorize",
            "spring.security.oauth2.client.provider.idp.token-uri=https://id.example.test/token",
            "spring.security.oauth2.client.provider.idp.jwk-set-uri=https://id.example.test/jwks",
            "spring.security.oauth2.client.provider.idp.user-name-attribute=sub"
        })
@AutoConfigureMockMvc
class OidcSignInTest {

    static final KeyPair KEYS = keys();
    static final KeyPair OTHER_KEYS = keys();

    static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        H2.register(registry);
        Path pem = Files.createTempFile("candor-oidc", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(
                pem,
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder()
                                .encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper mapper;

    @Autowired
    Accounts accounts;

    static String token(KeyPair keys, Map<String, Object> claims, Instant expires) {
        try {
            JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                    .subject("subject-" + claims.getOrDefault("preferred_username", "x"))
                    .issuer("https://id.example.test")
                    .issueTime(new Date())
                    .expirationTime(Date.from(expires));
            claims.forEach(b::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), b.build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(Map<String, Object> claims) {
        return token(KEYS, claims, Instant.now().plusSeconds(300));
    }

    static byte[] campaign(String agency) {
        try {
            ObjectNode c = (ObjectNode)
                    new ObjectMapper().readTree(new ClassPathResource("cli/passing.json").getContentAsByteArray());
            c.put("agency", agency);
            return new ObjectMapper().writeValueAsBytes(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MvcResult submit(String bearer, byte[] body) throws Exception {
        return mvc.perform(post("/api/v1/evaluations")
                        .header("Authorization", "Bearer " + bearer)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn();
    }

    @Test
    void anAgencyTokenSubmitsForItsOwnAgencyOnly() throws Exception {
        String ana = token(Map.of(
                "preferred_username", "ana@northwind",
                "candor_roles", List.of("AGENCY"),
                "candor_agency", "Northwind Media"));
        MvcResult ok = submit(ana, campaign("Northwind Media"));
        assertThat(ok.getResponse().getStatus())
                .as(ok.getResponse().getContentAsString())
                .isEqualTo(201);
        JsonNode e = mapper.readTree(ok.getResponse().getContentAsString());
        assertThat(e.path("submittedBy").asText()).isEqualTo("ana@northwind");

        assertThat(submit(ana, campaign("Lumen Collective")).getResponse().getStatus())
                .as("a campaign of another agency")
                .isEqualTo(403);
    }

    @Test
    void rolesComeFromTheClaimsAndATokenWithoutOneMayDoNothing() throws Exception {
        String officer = token(Map.of("preferred_username", "olga", "candor_roles", "OFFICER"));
        assertThat(mvc.perform(get("/api/v1/rules/files").header("Authorization", "Bearer " + officer))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        String manager = token(Map.of("preferred_username", "max", "candor_roles", List.of("MANAGER")));
        assertThat(mvc.perform(get("/api/v1/rules/files").header("Authorization", "Bearer " + manager))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("a manager may not edit rules")
                .isEqualTo(403);

        String nobody = token(Map.of("preferred_username", "nobody"));
        assertThat(mvc.perform(get("/api/v1/evaluations").header("Authorization", "Bearer " + nobody))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        String agencyWithoutAgency = token(Map.of("preferred_username", "x", "candor_roles", List.of("AGENCY")));
        assertThat(submit(agencyWithoutAgency, campaign("Northwind Media"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void aForgedOrExpiredTokenIs401() throws Exception {
        Map<String, Object> claims =
                Map.of("preferred_username", "eve", "candor_roles", "OFFICER", "candor_agency", "Northwind Media");
        for (String bad : List.of(
                token(OTHER_KEYS, claims, Instant.now().plusSeconds(300)),
                token(KEYS, claims, Instant.now().minusSeconds(3600)),
                "not-a-token")) {
            MvcResult r = mvc.perform(get("/api/v1/evaluations").header("Authorization", "Bearer " + bad))
                    .andReturn();
            assertThat(r.getResponse().getStatus()).isEqualTo(401);
            assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void thePagesSendTheBrowserToTheProvider() throws Exception {
        String page = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/oauth2/authorization/idp\"").contains("Sign in with Example ID");

        MvcResult r = mvc.perform(get("/oauth2/authorization/idp")).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl())
                .startsWith("https://id.example.test/authorize?")
                .contains("client_id=candor")
                .contains("scope=openid%20profile");
    }

    @Test
    void anIdTokenGivesThePagesTheAccountItsClaimsDescribe() {
        OidcIdToken id = new OidcIdToken(
                "t",
                Instant.now(),
                Instant.now().plusSeconds(60),
                Map.of(
                        "sub",
                        "s-1",
                        "preferred_username",
                        "lea@lumen",
                        "candor_roles",
                        List.of("agency"),
                        "candor_agency",
                        "Lumen Collective"));
        OidcClaims claims = accounts.oidc();
        OidcUserAuthority authority = new OidcUserAuthority(id);
        assertThat(claims.authorities(authority.getAttributes()))
                .extracting(Object::toString)
                .containsExactly("ROLE_AGENCY");
        assertThat(claims.account(authority.getAttributes()))
                .contains(new Account("lea@lumen", Role.AGENCY, "Lumen Collective"));
    }
}
