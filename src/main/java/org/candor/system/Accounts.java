package org.candor.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The configured users, and the account behind an authentication: a configured user's, or the one
 * an OpenID Connect token's claims describe ({@link OidcProperties}). With neither users nor an
 * OpenID Connect provider the service refuses to start ({@link NoSignInConfiguredException}).
 */
@Component
public class Accounts {
    private final Map<String, Account> byName = new LinkedHashMap<>();
    private final List<UserDetails> details;
    private final OidcClaims oidc;
    private final boolean oidcSignIn;

    public Accounts(
            CandorProperties properties,
            OidcProperties oidcProperties,
            ObjectProvider<JwtDecoder> jwtDecoder,
            ObjectProvider<ClientRegistrationRepository> clients) {
        this.oidc = new OidcClaims(oidcProperties);
        this.oidcSignIn = jwtDecoder.getIfAvailable() != null || clients.getIfAvailable() != null;
        if (properties.users().isEmpty() && !oidcSignIn) {
            throw new NoSignInConfiguredException();
        }
        details = properties.users().stream()
                .map(u -> {
                    if (u.role() == Role.AGENCY
                            && (u.agency() == null || u.agency().isBlank())) {
                        throw new IllegalStateException("user '" + u.username() + "' has role AGENCY but no agency");
                    }
                    if (byName.put(u.username(), new Account(u.username(), u.role(), u.agency())) != null) {
                        throw new IllegalStateException("user '" + u.username() + "' is configured twice");
                    }
                    return User.withUsername(u.username())
                            .password(u.password())
                            .roles(u.role().name())
                            .build();
                })
                .toList();
    }

    org.springframework.security.provisioning.InMemoryUserDetailsManager userDetailsManager() {
        return new org.springframework.security.provisioning.InMemoryUserDetailsManager(details);
    }

    OidcClaims oidc() {
        return oidc;
    }

    public Account of(Authentication authentication) {
        Account account = null;
        if (authentication instanceof JwtAuthenticationToken jwt) {
            account = oidc.account(jwt.getTokenAttributes()).orElse(null);
        } else if (authentication instanceof OAuth2AuthenticationToken login) {
            account = oidc.account(login.getPrincipal().getAttributes()).orElse(null);
        } else if (authentication != null) {
            account = byName.get(authentication.getName());
        }
        if (account == null) {
            throw new AccessDeniedException("unknown account");
        }
        return account;
    }
}
