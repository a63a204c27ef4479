package org.candor.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a start without any way to sign in into a message saying what to configure. */
class NoSignInFailureAnalyzer extends AbstractFailureAnalyzer<NoSignInConfiguredException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSignInConfiguredException cause) {
        return new FailureAnalysis(
                "Candor has no users: none are configured in candor.users and no OpenID Connect"
                        + " provider is set up, so nobody could sign in.",
                """
                Do one of these:
                  - try it on this machine with the demo users (published passwords, never on a network):
                        java -jar target/candor.jar --spring.profiles.active=demo
                  - configure users, passwords as {bcrypt} hashes:
                        candor.users[0].username=officer
                        candor.users[0].password={bcrypt}$2a$10$...
                        candor.users[0].role=OFFICER
                        (AGENCY users also need candor.users[n].agency)
                  - or sign in through an OpenID Connect provider: spring.security.oauth2.client.registration.*
                    for the web pages, spring.security.oauth2.resourceserver.jwt.issuer-uri for the API
                    (README, "Signing in").""",
                cause);
    }
}
