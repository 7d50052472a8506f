package io.prescal.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.dashboard.config.DashboardProperties.Role;
import io.prescal.dashboard.config.DashboardProperties.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class DashboardUsersTest {

  private final PasswordEncoder encoder =
      PasswordEncoderFactories.createDelegatingPasswordEncoder();

  @Test
  void withoutUsersOneOperatorGetsARandomPasswordAnnouncedOnce() {
    List<String> announced = new ArrayList<>();
    List<UserDetails> users = DashboardUsers.from(Map.of(), encoder, announced::add);
    assertThat(announced).hasSize(1);
    String password = announced.getFirst();
    assertThat(password).hasSizeGreaterThanOrEqualTo(20);
    UserDetails admin = users.getFirst();
    assertThat(admin.getUsername()).isEqualTo("admin");
    assertThat(encoder.matches(password, admin.getPassword())).isTrue();
    assertThat(roles(admin)).containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");

    List<String> again = new ArrayList<>();
    DashboardUsers.from(Map.of(), encoder, again::add);
    assertThat(again.getFirst()).isNotEqualTo(password);
  }

  @Test
  void withoutUsersAGivenAdminPasswordIsUsedAndNothingIsAnnounced() {
    List<String> announced = new ArrayList<>();

    List<UserDetails> users =
        DashboardUsers.from(Map.of(), "chosen-by-ops", encoder, announced::add);

    assertThat(announced).isEmpty();
    assertThat(users)
        .singleElement()
        .satisfies(
            admin -> {
              assertThat(admin.getUsername()).isEqualTo("admin");
              assertThat(encoder.matches("chosen-by-ops", admin.getPassword())).isTrue();
              assertThat(roles(admin)).contains("ROLE_OPERATOR");
            });
    DashboardUsers.from(Map.of(), "  ", encoder, announced::add);
    assertThat(announced).as("a blank admin password: one is generated").hasSize(1);
  }

  @Test
  void configuredUsersKeepTheirRolesAndPlainPasswordsAreHashed() {
    List<String> announced = new ArrayList<>();
    List<UserDetails> users =
        DashboardUsers.from(
            Map.of(
                "alice", new User("wonderland", Role.OPERATOR),
                "bob", new User("{noop}builder", Role.VIEWER)),
            encoder,
            announced::add);
    assertThat(announced).isEmpty();
    UserDetails alice =
        users.stream().filter(u -> u.getUsername().equals("alice")).findFirst().orElseThrow();
    UserDetails bob =
        users.stream().filter(u -> u.getUsername().equals("bob")).findFirst().orElseThrow();
    assertThat(alice.getPassword()).startsWith("{bcrypt}");
    assertThat(encoder.matches("wonderland", alice.getPassword())).isTrue();
    assertThat(bob.getPassword()).isEqualTo("{noop}builder");
    assertThat(roles(alice)).contains("ROLE_OPERATOR");
    assertThat(roles(bob)).containsExactly("ROLE_VIEWER");
  }

  private static List<String> roles(UserDetails user) {
    return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
