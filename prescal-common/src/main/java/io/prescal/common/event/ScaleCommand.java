package io.prescal.common.event;

/**
 * Fix the service's replica count; autoscaling stays off until {@link ResumeCommand}.
 *
 * @param replicas the replica count, 0 or more (within the service's max)
 * @param issuer who sent it
 */
public record ScaleCommand(int replicas, String issuer) implements Command {
  public ScaleCommand {
    Require.nonNegative(replicas, "replicas");
    Require.text(issuer, "issuer");
  }

  @Override
  public String describe() {
    return "scale to " + replicas;
  }
}
