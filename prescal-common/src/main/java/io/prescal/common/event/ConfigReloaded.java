package io.prescal.common.event;

import java.util.List;

/**
 * A configuration reload was tried.
 *
 * @param applied true when the new configuration runs now; false when it was refused and the
 *     previous one keeps running
 * @param version a short digest of the file now running
 * @param problems why it was refused, one line each (empty when applied)
 */
public record ConfigReloaded(boolean applied, String version, List<String> problems)
    implements PrescalEvent {
  public ConfigReloaded {
    Require.text(version, "version");
    problems = Require.list(problems);
  }

  @Override
  public Severity severity() {
    return applied ? Severity.INFO : Severity.WARNING;
  }
}
