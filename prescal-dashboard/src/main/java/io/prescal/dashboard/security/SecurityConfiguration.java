package io.prescal.dashboard.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import io.prescal.dashboard.config.DashboardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** Form login through the Vaadin login view; users and roles from configuration. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
    // Static, public files: the theme and styles (the login page needs them before anyone has
    // logged in) and the uPlot WebJar, which Vaadin's own rules would refuse.
    http.authorizeHttpRequests(
        requests ->
            requests.requestMatchers("/lumo/**", "/prescal/**", "/webjars/uplot/**").permitAll());
    return http.with(vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
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
