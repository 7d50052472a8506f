package io.prescal.event.alert;

import io.prescal.common.event.Severity;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One alert rule from configuration: raise when the condition has held for {@code holdFor}, clear
 * as soon as it no longer holds.
 *
 * @param name the rule's name, part of every alert id ({@code name:subject})
 * @param kind what it watches
 * @param threshold percent for {@link AlertKind#ERROR_RATE}, milliseconds for {@link
 *     AlertKind#P99}, unused otherwise
 * @param holdFor how long the condition must hold before the alert is raised
 * @param severity the raised alert's severity
 */
public record AlertRule(
    @NotBlank
        @Pattern(
            regexp = "[a-z0-9][a-z0-9-]*",
            message = "must be lower-case letters, digits and dashes")
        String name,
    @NotNull AlertKind kind,
    @DefaultValue("0") double threshold,
    @DefaultValue("0s") @NotNull @DurationMin(millis = 0) Duration holdFor,
    @DefaultValue("WARNING") @NotNull Severity severity) {

  /** Checked by Bean Validation. */
  @AssertTrue(message = "threshold must be in 0..100 (percent) for error-rate and > 0 (ms) for p99")
  public boolean isThresholdValid() {
    if (kind == null) {
      return true;
    }
    return switch (kind) {
      case ERROR_RATE -> threshold >= 0 && threshold <= 100;
      case P99 -> threshold > 0;
      case BACKENDS_DOWN, PROXY_SILENT -> true;
    };
  }
}
