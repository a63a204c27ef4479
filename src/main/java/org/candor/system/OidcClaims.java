package org.candor.system;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads a Candor account out of the claims of an OpenID Connect token (an ID token for the pages,
 * an access token for the API): its name, its role and, for an agency, its agency. A token with no
 * Candor role gets no authority, so it may do nothing.
 */
final class OidcClaims {
    private final OidcProperties properties;

    OidcClaims(OidcProperties properties) {
        this.properties = properties;
    }

    /** The user's name: the configured claim, or the subject. */
    String username(Map<String, Object> claims) {
        Object name = claims.get(properties.usernameClaim());
        if (name instanceof String s && !s.isBlank()) {
            return s;
        }
        return String.valueOf(claims.get("sub"));
    }

    /** The Candor roles the claims name, in their order; names that are not roles are ignored. */
    List<Role> roles(Map<String, Object> claims) {
        Object value = claims.get(properties.rolesClaim());
        List<String> names = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(x -> names.add(String.valueOf(x)));
        } else if (value instanceof String s) {
            names.addAll(List.of(s.split("[\\s,]+")));
        }
        List<Role> roles = new ArrayList<>();
        for (String n : names) {
            parse(n).filter(r -> !roles.contains(r)).ifPresent(roles::add);
        }
        return roles;
    }

    private static Optional<Role> parse(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        if (n.startsWith("ROLE_")) {
            n = n.substring(5);
        }
        try {
            return Optional.of(Role.valueOf(n));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code ROLE_<role>} for each role the claims name. */
    List<GrantedAuthority> authorities(Map<String, Object> claims) {
        return roles(claims).stream()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
    }

    /**
     * The account the claims describe: the first role they name, and the agency for an AGENCY
     * user; empty when they name no role, or an agency role without an agency.
     */
    Optional<Account> account(Map<String, Object> claims) {
        List<Role> roles = roles(claims);
        if (roles.isEmpty()) {
            return Optional.empty();
        }
        Role role = roles.get(0);
        Object agency = claims.get(properties.agencyClaim());
        String agencyName = agency instanceof String s && !s.isBlank() ? s : null;
        if (role == Role.AGENCY && agencyName == null) {
            return Optional.empty();
        }
        return Optional.of(new Account(username(claims), role, role == Role.AGENCY ? agencyName : null));
    }
}
