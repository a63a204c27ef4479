package org.candor.web;

import java.util.ArrayList;
import java.util.List;
import org.candor.system.Account;
import org.candor.system.Accounts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the way home for each role. */
@Controller
class HomePages {
    private final Accounts accounts;
    private final List<ClientRegistration> providers = new ArrayList<>();

    HomePages(Accounts accounts, ObjectProvider<ClientRegistrationRepository> clients) {
        this.accounts = accounts;
        if (clients.getIfAvailable() instanceof Iterable<?> registrations) {
            registrations.forEach(r -> providers.add((ClientRegistration) r));
        }
    }

    /** The sign-in form, and a link per OpenID Connect provider configured. */
    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("providers", providers);
        return "login";
    }

    @GetMapping("/")
    String home(Authentication auth) {
        Account account = accounts.of(auth);
        return "redirect:" + homeOf(account);
    }

    static String homeOf(Account account) {
        return switch (account.role()) {
            case AGENCY -> "/agency";
            case MANAGER -> "/manager";
            case OFFICER -> "/officer/rules";
        };
    }
}
