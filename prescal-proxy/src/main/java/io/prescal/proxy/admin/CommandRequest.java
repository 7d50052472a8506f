package io.prescal.proxy.admin;

import io.prescal.common.event.Command;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import java.util.List;
import java.util.Map;

/**
 * Reads an autoscaling command from an admin request: {@code POST /services/{s}/scale?replicas=N},
 * {@code /limits?min=&max=}, {@code /pause} and {@code /resume}. The issuer is "admin".
 *
 * @param service the service
 * @param command the command, or null when the request is malformed
 * @param problem what is wrong with the request, or null
 */
record CommandRequest(String service, Command command, String problem) {
  static final String ISSUER = "admin";

  /** The command in {@code parts} (the path split at '/'), or null when the path is not one. */
  static CommandRequest of(String[] parts, Map<String, List<String>> query) {
    if (parts.length != 4 || !parts[1].equals("services")) {
      return null;
    }
    String service = parts[2];
    try {
      Command command =
          switch (parts[3]) {
            case "scale" -> new ScaleCommand(number(query, "replicas"), ISSUER);
            case "limits" -> new LimitsCommand(number(query, "min"), number(query, "max"), ISSUER);
            case "pause" -> new PauseCommand(ISSUER);
            case "resume" -> new ResumeCommand(ISSUER);
            default -> null;
          };
      return command == null ? null : new CommandRequest(service, command, null);
    } catch (IllegalArgumentException e) {
      return new CommandRequest(service, null, e.getMessage());
    }
  }

  private static int number(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    String text = values == null || values.isEmpty() ? null : values.getFirst();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name
              + ": "
              + (text == null ? "missing" : "\"" + text + "\"")
              + " (expected: a whole number, e.g. ?"
              + name
              + "=2)");
    }
  }
}
