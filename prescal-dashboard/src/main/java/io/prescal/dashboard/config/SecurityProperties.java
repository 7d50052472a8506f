package io.prescal.dashboard.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How logins and sessions are guarded, under {@code prescal.dashboard.security} (see
 * docs/dashboard.md).
 *
 * @param sessionTimeout a session with no request from its user for this long ends (heartbeats and
 *     live updates of an open tab do not count): the next click or page leads to the login
 * @param maxLoginFailures failed logins, for one user or from one address, that lock it out
 * @param loginFailureWindow failures older than this are forgotten
 * @param loginLockout how long a user or address is refused after too many failures
 * @param maxTrackedAddresses the most client addresses whose failures are remembered; beyond it the
 *     least recently seen is forgotten
 */
@Validated
@ConfigurationProperties("prescal.dashboard.security")
public record SecurityProperties(
    @DefaultValue("30m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 7)
        Duration sessionTimeout,
    @DefaultValue("5") @Min(1) @Max(1000) int maxLoginFailures,
    @DefaultValue("10m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration loginFailureWindow,
    @DefaultValue("5m") @NotNull @DurationMin(seconds = 1) @DurationMax(days = 1)
        Duration loginLockout,
    @DefaultValue("10000") @Min(10) @Max(1_000_000) int maxTrackedAddresses) {}
