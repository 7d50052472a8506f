package io.prescal.dashboard.security;

import io.prescal.dashboard.config.DashboardProperties;
import io.prescal.dashboard.config.DashboardProperties.Role;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The users who may log in, from configuration. With none configured there is no default password:
 * one operator, {@code admin}, gets the configured admin password, or else a random one that is
 * printed once at startup.
 */
public final class DashboardUsers {

  /** The user created when none is configured. */
  public static final String GENERATED_USER = "admin";

  private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9_.-]+}.+");

  private DashboardUsers() {}

  /**
   * The user details for {@code configured}; when it is empty, {@code announce} receives the one
   * generated password to print.
   */
  public static List<UserDetails> from(
      Map<String, DashboardProperties.User> configured,
      PasswordEncoder encoder,
      java.util.function.Consumer<String> announce) {
    return from(configured, null, encoder, announce);
  }

  /**
   * The user details for {@code configured}; when it is empty, the operator {@code admin} with
   * {@code adminPassword}, or, when that is blank, with a generated password that {@code announce}
   * receives to print. An admin password alongside configured users is refused with the other
   * settings ({@link DashboardProperties#isAdminPasswordWithoutUsers}).
   */
  public static List<UserDetails> from(
      Map<String, DashboardProperties.User> configured,
      String adminPassword,
      PasswordEncoder encoder,
      java.util.function.Consumer<String> announce) {
    List<UserDetails> users = new ArrayList<>();
    if (configured.isEmpty()) {
      boolean adminGiven = adminPassword != null && !adminPassword.isBlank();
      String password = adminGiven ? adminPassword : randomPassword();
      if (!adminGiven) {
        announce.accept(password);
      }
      users.add(user(GENERATED_USER, encoded(password, encoder), Role.OPERATOR));
      return users;
    }
    configured.forEach(
        (name, user) -> {
          users.add(user(name, encoded(user.password(), encoder), user.role()));
        });
    return users;
  }

  /** An encoded password ({bcrypt}..., {noop}...) is used as is; plain text is hashed here. */
  private static String encoded(String password, PasswordEncoder encoder) {
    return ENCODED.matcher(password).matches() ? password : encoder.encode(password);
  }

  private static UserDetails user(String name, String encodedPassword, Role role) {
    return User.withUsername(name).password(encodedPassword).roles(Roles.of(role)).build();
  }

  /** 24 URL-safe characters from a strong random source (144 bits). */
  static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
