package org.candor.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may do what. The API speaks HTTP Basic, statelessly, and answers 401 and 403 as problem
 * details; the users come from {@link CandorProperties}. With an OpenID Connect provider
 * configured ({@link OidcProperties}), the API also takes the provider's access tokens (a resource
 * server) and the pages offer sign-in through it (an OAuth2 client); the rules below are the same
 * whichever way a user signed in.
 */
@Configuration
class SecurityConfig {

    private static final String AGENCY = Role.AGENCY.name();
    private static final String OFFICER = Role.OFFICER.name();
    private static final String MANAGER = Role.MANAGER.name();

    @Bean
    UserDetailsService userDetailsService(Accounts accounts) {
        return accounts.userDetailsManager();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            ObjectMapper mapper,
            LoginThrottle throttle,
            Accounts accounts,
            ObjectProvider<JwtDecoder> jwtDecoder)
            throws Exception {
        boolean bearer = jwtDecoder.getIfAvailable() != null;
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            response.addHeader("WWW-Authenticate", "Basic realm=\"candor\"");
            if (bearer) {
                response.addHeader("WWW-Authenticate", "Bearer");
            }
            problem(
                    mapper,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "Sign in with a Candor account.",
                    request.getRequestURI());
        };
        http.securityMatcher("/api/**", "/actuator/**")
                .addFilterBefore(throttle.filter(), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(signIn));
        if (bearer) {
            // API calls with an access token of the OpenID Connect provider: role and agency from its claims
            OidcClaims claims = accounts.oidc();
            http.oauth2ResourceServer(rs -> rs.authenticationEntryPoint(signIn)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> new JwtAuthenticationToken(
                            token, claims.authorities(token.getClaims()), claims.username(token.getClaims())))));
        }
        http.exceptionHandling(ex -> ex.accessDeniedHandler((request, response, e) -> problem(
                        mapper, response, HttpStatus.FORBIDDEN, "Your role may not do this.", request.getRequestURI())))
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/schema")
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAnyRole(OFFICER, MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/evaluations")
                        .hasRole(AGENCY)
                        .requestMatchers(HttpMethod.POST, "/api/v1/evaluations/*/reevaluate")
                        .hasAnyRole(OFFICER, MANAGER)
                        .requestMatchers(HttpMethod.POST, "/api/v1/evaluations/*/waivers", "/api/v1/waivers/*/expire")
                        .hasRole(OFFICER)
                        .requestMatchers("/api/v1/reports/**")
                        .hasAnyRole(OFFICER, MANAGER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/templates/**")
                        .hasAnyRole(AGENCY, OFFICER, MANAGER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/rules")
                        .hasAnyRole(AGENCY, OFFICER, MANAGER)
                        .requestMatchers("/api/v1/rules/*", "/api/v1/rules/*/**")
                        .hasRole(OFFICER)
                        .requestMatchers(
                                HttpMethod.GET,
                                "/api/v1/evaluations",
                                "/api/v1/evaluations/**",
                                "/api/v1/rules",
                                "/api/v1/waivers")
                        .hasAnyRole(AGENCY, OFFICER, MANAGER)
                        .anyRequest()
                        .authenticated());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain docs(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error")
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /**
     * The web pages: our own login form, a session, CSRF protection on every form, and the same
     * users as the API. Pages of a role are under its path; an evaluation's page and report, under
     * {@code /evaluations/}, are open to every role and check the agency themselves; re-evaluating
     * one is for managers and officers. Every role check of the API and the pages is here. Every answer
     * carries a content security policy without inline scripts, and may not be framed.
     * It comes last and takes whatever the API and the documentation do not.
     */
    @Bean
    @Order(4)
    SecurityFilterChain pages(
            HttpSecurity http,
            LoginThrottle throttle,
            Accounts accounts,
            ObjectProvider<ClientRegistrationRepository> clients)
            throws Exception {
        if (clients.getIfAvailable() != null) {
            // sign-in through the OpenID Connect provider, beside the form: roles and agency from the ID token
            OidcClaims claims = accounts.oidc();
            GrantedAuthoritiesMapper roles = authorities -> authorities.stream()
                    .filter(a -> a instanceof OAuth2UserAuthority)
                    .flatMap(a -> claims.authorities(((OAuth2UserAuthority) a).getAttributes()).stream())
                    .distinct()
                    .toList();
            http.oauth2Login(login -> login.loginPage("/login")
                    .defaultSuccessUrl("/", false)
                    .userInfoEndpoint(info -> info.userAuthoritiesMapper(roles)));
        }
        http.addFilterBefore(throttle.filter(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login", "/login/oauth2/**", "/oauth2/**", "/css/**", "/js/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/agency", "/agency/**")
                        .hasRole(AGENCY)
                        .requestMatchers("/manager", "/manager/**")
                        .hasAnyRole(MANAGER, OFFICER)
                        .requestMatchers("/officer", "/officer/**")
                        .hasRole(OFFICER)
                        // A re-evaluation (officers and managers) is also let through to an agency, whom
                        // its page then refuses saying what an agency does instead (EvaluationPages).
                        .requestMatchers("/", "/evaluations/**")
                        .hasAnyRole(AGENCY, OFFICER, MANAGER)
                        .anyRequest()
                        .denyAll())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .contentTypeOptions(Customizer.withDefaults()));
        return http.build();
    }

    /** Scripts, styles and images from this service only; no inline script, no framing. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    static void problem(
            ObjectMapper mapper, HttpServletResponse response, HttpStatus status, String detail, String path)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(path));
        problem(mapper, response, problem);
    }

    /** Writes a problem a filter made as the answer, with its status. */
    static void problem(ObjectMapper mapper, HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
