package io.prescal.dashboard.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dashboard's own settings, under {@code prescal.dashboard} (see docs/dashboard.md).
 *
 * @param users who may log in, by user name; empty means one generated operator
 * @param staleAfter how long without a state message before figures are marked stale
 * @param backfill how many entries of the event log a view reads when it opens; also the most
 *     events the overview keeps for its chart markers
 * @param eventsShown the most events the Events view holds, and the most that wait while it is
 *     paused (older waiting ones are dropped and counted)
 * @param adminPassword the password of the operator {@code admin} who exists when no users are
 *     configured; blank: a random one, printed once at startup; refused alongside users
 */
@Validated
@ConfigurationProperties("prescal.dashboard")
public record DashboardProperties(
    @DefaultValue Map<String, @Valid User> users,
    @DefaultValue("3s") @NotNull Duration staleAfter,
    @DefaultValue("1000") @Min(1) @Max(100_000) int backfill,
    @DefaultValue("2000") @Min(10) @Max(100_000) int eventsShown,
    @DefaultValue("") String adminPassword) {

  /**
   * Checked by Bean Validation: the admin password only applies when no user is configured, so both
   * together are a mistake. A check on the method rather than on the field, so that the refusal
   * never shows the password.
   */
  @AssertTrue(
      message =
          "admin-password is set while users are configured too (expected: one of them, since the"
              + " admin password only applies when no user is configured)")
  public boolean isAdminPasswordWithoutUsers() {
    return adminPassword == null || adminPassword.isBlank() || users == null || users.isEmpty();
  }

  /**
   * One user.
   *
   * @param password the password: plain text, or a Spring Security encoded form such as {@code
   *     {bcrypt}$2a$10$...}
   * @param role {@code viewer} (looks) or {@code operator} (looks and steers)
   */
  public record User(@NotBlank String password, @DefaultValue("viewer") @NotNull Role role) {}

  /** What a user may do. */
  public enum Role {
    /** Sees every view; cannot send commands. */
    VIEWER,
    /** Sees every view and sends commands. */
    OPERATOR
  }
}
