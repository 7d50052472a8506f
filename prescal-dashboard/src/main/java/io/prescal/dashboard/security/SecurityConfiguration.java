package io.prescal.dashboard.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import io.prescal.dashboard.config.DashboardProperties;
import io.prescal.dashboard.config.SecurityProperties;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Form login through the Vaadin login view; users and roles from configuration; failed logins
 * throttled per user and per client address ({@link LoginThrottle}); sessions end after the idle
 * timeout ({@link IdleSessions}); the session cookie is {@code SameSite=Strict} (application
 * properties).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain dashboardSecurity(HttpSecurity http, LoginThrottle throttle)
      throws Exception {
    http.addFilterBefore(
        new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
    // Static, public files: the theme and styles (the login page needs them before anyone has
    // logged in), the icon browsers ask for on every page, and the uPlot WebJar, which Vaadin's
    // own rules would refuse.
    http.authorizeHttpRequests(
        requests ->
            requests
                .requestMatchers("/lumo/**", "/prescal/**", "/favicon.ico", "/webjars/uplot/**")
                .permitAll());
    return http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
  }

  @Bean
  LoginThrottle loginThrottle(
      SecurityProperties settings, InMemoryUserDetailsManager users, Clock clock) {
    return new LoginThrottle(settings, users::userExists, clock);
  }

  @Bean
  LoginAttempts loginAttempts(LoginThrottle throttle) {
    return new LoginAttempts(throttle);
  }

  /** Idle sessions end: checked before Spring Security, so an ended one is a logged-out one. */
  @Bean
  FilterRegistrationBean<IdleSessions> idleSessions(IdleSessions idle) {
    FilterRegistrationBean<IdleSessions> registration = new FilterRegistrationBean<>(idle);
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  @Bean
  ServletListenerRegistrationBean<IdleSessions> idleSessionTimeout(IdleSessions idle) {
    return new ServletListenerRegistrationBean<>(idle);
  }

  @Bean
  IdleSessions idleSessionFilter(SecurityProperties settings, Clock clock) {
    return new IdleSessions(settings.sessionTimeout(), clock);
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  @Bean
  InMemoryUserDetailsManager dashboardUsers(
      DashboardProperties properties, PasswordEncoder encoder) {
    return new InMemoryUserDetailsManager(
        DashboardUsers.from(
            properties.users(),
            properties.adminPassword(),
            encoder,
            password ->
                LOG.warn(
                    """

                    No dashboard users configured: generated operator '{}' with password: {}
                    This is printed once. Set it with prescal.dashboard.admin-password (with docker
                    compose: PRESCAL_DASHBOARD_PASSWORD), or configure users with
                    prescal.dashboard.users.<name>.password and .role (viewer or operator), e.g. env
                    PRESCAL_DASHBOARD_USERS_ALICE_PASSWORD.
                    """,
                    DashboardUsers.GENERATED_USER,
                    password)));
  }
}
