package org.apache.kylin.asyncquery.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import org.apache.kylin.rest.asyncquery.config.AsyncQueryConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * HTTP Basic over the users in {@code conf/users.properties}: every request must authenticate, and a refusal is a
 * 401 or 403 envelope rather than a login page. A successful login is remembered for a few minutes
 * ({@link CachingAuthenticationProvider}), so polling clients do not pay for bcrypt on every request, and
 * repeated wrong passwords back off ({@link LoginThrottle}). Inside a Kylin host the host's own security does this
 * instead.
 */
@Configuration
@EnableWebSecurity
public class StandaloneSecurityConfig {
    static final String USERS_FILE = "users.properties";
    /** Download links are signed, and checked by the controller, instead of carrying credentials. */
    static final String DOWNLOAD_LINKS = "/api/async_query/link/**";
    /** The OpenAPI description, public: {@code /kylin/api/async_query/openapi.json} (paths here omit the context). */
    static final String API_DESCRIPTION_PATH = "/api/async_query/openapi.json";
    private static final String API_PATHS = "/api/async_query/**";

    @Bean
    public SecurityFilterChain asyncQuerySecurity(HttpSecurity http, UserDetailsService users,
            PasswordEncoder passwords, AsyncQueryConfig config) throws Exception {
        EnvelopeSecurityErrors errors = new EnvelopeSecurityErrors();
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider();
        checkPassword.setUserDetailsService(users);
        checkPassword.setPasswordEncoder(passwords);
        // Remembered logins first (no bcrypt, never throttled), then the back-off, then bcrypt.
        Clock clock = Clock.systemUTC();
        AuthenticationProvider throttled = new ThrottlingAuthenticationProvider(checkPassword,
                LoginThrottle.standard(clock));
        http.authenticationManager(new ProviderManager(new CachingAuthenticationProvider(throttled, clock,
                        CachingAuthenticationProvider.DEFAULT_TIME_TO_LIVE,
                        CachingAuthenticationProvider.DEFAULT_MAX_ENTRIES)))
                .csrf().disable()
                .sessionManagement().sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                .and()
                // The export page's static files are public; everything it does goes through the API, which is not,
                // but for download links, which carry their own signature instead of credentials, and the API's
                // own description, which tells nothing of any query.
                .authorizeHttpRequests(requests -> {
                    requests.antMatchers(StandaloneServer.PAGE_PATH + "/**").permitAll();
                    requests.antMatchers(DOWNLOAD_LINKS).permitAll();
                    requests.antMatchers(HttpMethod.GET, API_DESCRIPTION_PATH).permitAll();
                    requests.antMatchers(PrometheusEndpoint.PATH).hasRole("ADMIN");
                    if (!config.enabled()) {
                        // Switched off, the API tells anyone so (ASYNC_QUERY_DISABLED); credentials sent are still
                        // checked, but none are needed to learn that there is nothing here.
                        requests.antMatchers(API_PATHS).permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(errors))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
        return http.build();
    }

    /** A URL the firewall refuses (say one with "..") is the client's mistake: 400, not Spring's default 500. */
    @Bean
    public RequestRejectedHandler asyncQueryRequestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler();
    }

    /** Users in Spring's {@code name=password,ROLE_...} form; passwords carry an encoder prefix such as {bcrypt}. */
    @Bean
    public UserDetailsService asyncQueryUsers(StandaloneOptions options) throws IOException {
        Path file = options.confDir().resolve(USERS_FILE);
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            users.load(in);
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    public PasswordEncoder asyncQueryPasswordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
