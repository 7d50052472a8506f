package io.prescal.proxy.admin;

import io.prescal.common.event.Command;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.scaling.ReplicaRule;
import java.util.List;
import java.util.Map;

/**
 * Reads an autoscaling command from an admin request: {@code POST
 * /services/{s}/scale?replicas=N[&force=true]}, {@code /limits?min=&max=}, {@code /pause} and
 * {@code /resume}. Counts are read as the dashboard reads them ({@link ReplicaRule#wholeNumber});
 * whether they are acceptable is the service's autoscaler's to say. The issuer is "admin".
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
            case "scale" -> new ScaleCommand(number(query, "replicas"), ISSUER, force(query));
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
    String text = first(query, name);
    var refusal = ReplicaRule.wholeNumber(name, text == null ? "" : text);
    if (refusal.isPresent()) {
      throw new IllegalArgumentException(
          text == null
              ? name + ": missing (expected: a whole number, e.g. ?" + name + "=2)"
              : refusal.get().sentence());
    }
    return Integer.parseInt(text.strip());
  }

  /** {@code force=true} allows a count below min; absent or false does not. */
  private static boolean force(Map<String, List<String>> query) {
    String text = first(query, "force");
    if (text == null || text.equals("false")) {
      return false;
    }
    if (text.equals("true")) {
      return true;
    }
    throw new IllegalArgumentException("force: \"" + text + "\" (expected: true or false)");
  }

  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }
}
