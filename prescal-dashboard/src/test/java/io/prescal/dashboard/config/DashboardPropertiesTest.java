package io.prescal.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.dashboard.config.DashboardProperties.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** {@code prescal.dashboard} bound and validated as at startup. */
class DashboardPropertiesTest {

  @Test
  void anAdminPasswordWithConfiguredUsersIsRefusedWithTheFixAndWithoutThePassword() {
    assertThatThrownBy(
            () ->
                bind(
                    Map.of(
                        "prescal.dashboard.users.alice.password", "wonderland",
                        "prescal.dashboard.users.alice.role", "operator",
                        "prescal.dashboard.admin-password", "chosen-by-ops")))
        .rootCause()
        .hasMessageContaining(
            "admin-password is set while users are configured too (expected: one of them, since"
                + " the admin password only applies when no user is configured)")
        .message()
        .doesNotContain("chosen-by-ops");
  }

  @Test
  void eitherUsersOrAnAdminPasswordOrNeitherIsAccepted() {
    assertThat(
            bind(Map.of(
                    "prescal.dashboard.users.alice.password", "wonderland",
                    "prescal.dashboard.users.alice.role", "operator",
                    "prescal.dashboard.admin-password", "  "))
                .users())
        .containsOnlyKeys("alice")
        .hasEntrySatisfying("alice", u -> assertThat(u.role()).isEqualTo(Role.OPERATOR));
    assertThat(bind(Map.of("prescal.dashboard.admin-password", "chosen-by-ops")).adminPassword())
        .isEqualTo("chosen-by-ops");
    assertThat(bind(Map.of()).users()).isEmpty();
  }

  private static DashboardProperties bind(Map<String, String> properties) {
    try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
      validator.afterPropertiesSet();
      return new Binder(new MapConfigurationPropertySource(properties))
          .bindOrCreate(
              "prescal.dashboard",
              Bindable.of(DashboardProperties.class),
              new ValidationBindHandler(validator));
    }
  }
}
