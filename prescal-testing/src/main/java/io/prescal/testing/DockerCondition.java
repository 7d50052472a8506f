package io.prescal.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs, skips or fails a {@link RequiresDocker} test depending on the engine and on CI. */
final class DockerCondition implements ExecutionCondition {

  private static volatile Boolean available;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (dockerAvailable()) {
      return ConditionEvaluationResult.enabled("a Docker engine answers");
    }
    String why =
        "no Docker engine answers (DOCKER_HOST="
            + System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock")
            + "); start one (see README: Troubleshooting) to run this test";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new ExtensionConfigurationException("CI=true but " + why);
    }
    return ConditionEvaluationResult.disabled("Skipped: " + why);
  }

  static boolean dockerAvailable() {
    Boolean known = available;
    if (known == null) {
      try {
        known = DockerClientFactory.instance().isDockerAvailable();
      } catch (RuntimeException e) {
        known = false;
      }
      available = known;
    }
    return known;
  }
}
