package org.candor.system;

/**
 * The service was started with no way to sign in: no users in {@code candor.users} and no OpenID
 * Connect provider. {@link NoSignInFailureAnalyzer} explains what to configure.
 */
class NoSignInConfiguredException extends RuntimeException {
    public NoSignInConfiguredException() {
        super("no users are configured (candor.users) and no OpenID Connect sign-in"
                + " (spring.security.oauth2.*); the service would refuse everyone");
    }
}
