package io.prescal.proxy.config;

import java.util.List;

/** A configuration that cannot run, with every problem found (one line each). */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  public ConfigException(String origin, List<String> problems) {
    super(origin + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, one line each: key, value, what was expected. */
  public List<String> problems() {
    return problems;
  }
}
