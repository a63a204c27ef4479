package org.candor.system;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code candor.oidc.*}: where Candor reads a user's role and agency in the tokens of an OpenID
 * Connect provider. The provider itself is configured the Spring Boot way: {@code
 * spring.security.oauth2.client.registration.*} / {@code provider.*} for the web pages' sign-in,
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} for API calls with a bearer token
 * (README, "Signing in").
 *
 * @param rolesClaim the claim listing the user's Candor roles, AGENCY, OFFICER or MANAGER (a list,
 *     or one string of names separated by spaces or commas; default {@code candor_roles})
 * @param agencyClaim the claim naming an AGENCY user's agency (default {@code candor_agency})
 * @param usernameClaim the claim shown and stored as the user's name (default {@code
 *     preferred_username}; the subject, {@code sub}, when the token lacks it)
 */
@ConfigurationProperties("candor.oidc")
record OidcProperties(String rolesClaim, String agencyClaim, String usernameClaim) {
    public OidcProperties {
        rolesClaim = blankTo(rolesClaim, "candor_roles");
        agencyClaim = blankTo(agencyClaim, "candor_agency");
        usernameClaim = blankTo(usernameClaim, "preferred_username");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
