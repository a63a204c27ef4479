package org.candor.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.stereotype.Component;

/** The configured users, and the account behind an authentication. */
@Component
public class Accounts {
    private final Map<String, Account> byName = new LinkedHashMap<>();
    private final List<UserDetails> details;

    public Accounts(CandorProperties properties) {
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

    InMemoryUserDetailsManager userDetailsManager() {
        return new InMemoryUserDetailsManager(details);
    }

    public Account of(Authentication authentication) {
        Account account = authentication == null ? null : byName.get(authentication.getName());
        if (account == null) {
            throw new org.springframework.security.access.AccessDeniedException("unknown account");
        }
        return account;
    }
}
