package io.prescal.dashboard.config;

import io.prescal.common.codec.CommandSigner;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Operator commands, under {@code prescal.commands}.
 *
 * @param secret the HMAC secret shared with the proxies (env {@code PRESCAL_COMMAND_SECRET}); blank
 *     turns the controls off
 * @param answerTimeout how long to wait for a proxy's command.accepted / command.rejected
 */
@Validated
@ConfigurationProperties("prescal.commands")
public record CommandProperties(
    @DefaultValue("") String secret, @DefaultValue("10s") @NotNull Duration answerTimeout) {

  /** Valid when blank (controls off) or at least as long as {@link CommandSigner} requires. */
  @AssertTrue(
      message =
          "must be at least "
              + CommandSigner.MIN_SECRET_BYTES
              + " bytes (set PRESCAL_COMMAND_SECRET to the proxies' command secret, e.g. the"
              + " output of `openssl rand -base64 32`)")
  public boolean isSecret() {
    return !hasSecret()
        || secret.getBytes(StandardCharsets.UTF_8).length >= CommandSigner.MIN_SECRET_BYTES;
  }

  /** Whether a secret is configured at all. */
  public boolean hasSecret() {
    return secret != null && !secret.isBlank();
  }
}
