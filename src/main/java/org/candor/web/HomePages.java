package org.candor.web;

import org.candor.system.Account;
import org.candor.system.Accounts;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the way home for each role. */
@Controller
class HomePages {
    private final Accounts accounts;

    HomePages(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/login")
    String login() {
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
