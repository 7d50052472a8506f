package io.prescal.proxy.admin;

import io.prescal.common.event.Command;
import java.util.List;
import java.util.Map;

/** What the admin API can ask of the running proxy. */
public interface AdminActions {

  /** The {@code /status} document. */
  Map<String, Object> status();

  /** The {@code /metrics} text. */
  String metrics();

  /**
   * Starts draining a backend.
   *
   * @return null when it started, else why not in one sentence
   */
  String drain(String service, String backendId);

  /**
   * Applies an operator command to a service (the same commands as on {@code prescal:commands}).
   */
  CommandOutcome command(String service, Command command);

  /**
   * Reloads the configuration file.
   *
   * @return the problems that kept the new configuration from running (empty: it runs now)
   */
  List<String> reload();
}
